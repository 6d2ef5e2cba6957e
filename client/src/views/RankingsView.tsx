import { useMemo, useRef, useState, type CSSProperties } from 'react';
import type { UnitKind } from '../../../shared/catalog.js';
import type { ScoringConfig } from '../../../shared/figures.js';
import type { Snapshot } from '../../../shared/snapshot.js';
import { ExportButtons } from '../components/ExportButtons.js';
import { ExportPeriod } from '../components/ExportPeriod.js';
import { FittedBox } from '../components/FittedBox.js';
import { RankingTable } from '../components/RankingTable.js';
import { useApp } from '../context.js';
import { useFitScale } from '../hooks/useFitScale.js';
import { useI18n } from '../i18n/index.js';
import { rankingRows, sortRows, type RankingRow, type SortState } from '../lib/rankings.js';
import { rankingTable } from '../lib/tables.js';

interface Props {
  snapshot: Snapshot;
  previous: Snapshot | null;
  /** Each unit's score in the periods before (`CityFigures.earlier`), for the trend lines; null while they are read. */
  earlier: ReadonlyMap<string, readonly (number | null)[]> | null;
  kind: UnitKind;
  mode: 'dashboard' | 'display' | 'present';
  periodQuery?: Record<string, string>;
  /** The presenter in full screen: the table has the rest of the screen, its text shrunk until every row shows. */
  fill?: boolean;
}

/** The wall shows at most this many rows, in two columns, so names stay readable from across the room. */
const DISPLAY_ROWS = 30;

export function RankingsView({ snapshot, previous, earlier, kind, mode, periodQuery, fill = false }: Props) {
  const { t, lang } = useI18n();
  const { config } = useApp();
  const [sort, setSort] = useState<SortState>({ column: 'rank', descending: false });
  const rows = useMemo(() => rankingRows(snapshot.units, previous?.units ?? null, config.scoring), [snapshot.units, previous, config.scoring]);
  const sorted = useMemo(() => (mode === 'display' ? rows : sortRows(rows, sort, lang)), [rows, sort, lang, mode]);

  if (rows.length === 0) return <p className="empty">{t('emptyUnits')}</p>;
  const title = `${t('navRankings')} – ${t(`kind_${kind}`)}`;

  if (mode === 'display') return <WallRankings rows={sorted} earlier={earlier} scoring={config.scoring} />;
  const table = <RankingTable rows={sorted} earlier={earlier} scoring={config.scoring} sort={sort} onSort={setSort} periodQuery={periodQuery} />;
  return (
    <ExportPeriod figures={snapshot}>
      <section className={`card rankings${fill ? ' slide-screen' : ''}`} aria-label={title}>
        <header className="card-header">
          <h2>{title}</h2>
          <ExportButtons table={() => rankingTable(title, sorted, (k) => t(k))} />
        </header>
        {fill ? <FittedBox fitKey={fitKey(sorted)}>{table}</FittedBox> : <div className="table-scroll">{table}</div>}
      </section>
    </ExportPeriod>
  );
}

/**
 * The wall's ranking: the first units in two columns, in rank order, the text shrunk when it must be for every row
 * to show whole (long department names wrap, a catalog may be larger than the layout was drawn for).
 */
function WallRankings({ rows, earlier, scoring }: { rows: readonly RankingRow[]; earlier: Props['earlier']; scoring: ScoringConfig }) {
  const box = useRef<HTMLDivElement>(null);
  const shown = rows.slice(0, DISPLAY_ROWS);
  const half = Math.ceil(shown.length / 2);
  const scale = useFitScale(box, fitKey(shown));
  return (
    <div className="rankings-display" ref={box} style={{ '--fit': scale } as CSSProperties}>
      <RankingTable rows={shown.slice(0, half)} earlier={earlier} scoring={scoring} compact />
      {shown.length > half && <RankingTable rows={shown.slice(half)} earlier={earlier} scoring={scoring} compact />}
    </div>
  );
}

/** What changes the rows' widths and so their wrapping: who is listed, and their grade badges. */
function fitKey(rows: readonly RankingRow[]): string {
  return rows.map((row) => `${row.unit.code}:${row.unit.grade}`).join(',');
}

