import { useLayoutEffect, useRef, useState } from 'react';
import type { OverdueDossier } from '../../../shared/snapshot.js';
import { useBoxSize } from '../hooks/useBoxSize.js';
import { useI18n } from '../i18n/index.js';
import { wholeRowsThatFit } from '../lib/fit.js';

/** An overdue dossier's procedure, due date and days overdue: the cells the unit page and the wall list share. */
export function OverdueCells({ dossier }: { dossier: OverdueDossier }) {
  const { fmt } = useI18n();
  return (
    <>
      <td className="left">{dossier.procedureName ?? dossier.procedureCode}</td>
      <td className="num">{fmt.date(dossier.dueAt)}</td>
      <td className="num warn">{fmt.count(dossier.daysOverdue)}</td>
    </>
  );
}

/** No wall screen has room for more rows than this at the display's type size. */
const MAX_ROWS = 20;

/**
 * The wall's overdue dossiers, most overdue first: as many whole rows as the card has room for, and in its heading
 * how many more there are. A name on two lines makes its row taller, so the rows are measured, not counted: the list is first
 * rendered whole (before the browser paints), then cut after the last row that fits.
 */
export function WallOverdueList({ dossiers, total }: { dossiers: readonly OverdueDossier[]; total: number }) {
  const { t, fmt } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const size = useBoxSize(box);
  const candidates = dossiers.slice(0, MAX_ROWS);
  const key = `${size}|${candidates.map((d) => d.dossierId).join(',')}`;
  const [fit, setFit] = useState<{ key: string; rows: number } | null>(null);
  const measured = fit !== null && fit.key === key ? fit.rows : null;
  const rows = measured ?? candidates.length;

  useLayoutEffect(() => {
    const element = box.current;
    if (measured !== null || !element) return;
    const top = element.getBoundingClientRect().top;
    const bottoms = [...element.querySelectorAll('tbody tr')].map((row) => row.getBoundingClientRect().bottom - top);
    setFit({ key, rows: wholeRowsThatFit(bottoms, element.clientHeight) });
  }, [measured, key]);

  const more = total - rows;
  return (
    <div className="wall-list" ref={box}>
      <table>
        <thead><tr><th scope="col" className="left">{t('procedure')}</th><th scope="col" className="num">{t('dueAt')}</th><th scope="col" className="num">{t('daysOverdue')}</th></tr></thead>
        <tbody>
          {candidates.slice(0, rows).map((d) => (
            <tr key={d.dossierId}><OverdueCells dossier={d} /></tr>
          ))}
        </tbody>
      </table>
      {/* Placed in the card's heading, beside its title (styles.css): the rows have the whole box. */}
      {more > 0 && <p className="more">{t('overdueMore', { n: fmt.count(more) })}</p>}
    </div>
  );
}
