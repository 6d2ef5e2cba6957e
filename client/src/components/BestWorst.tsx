import { memo } from 'react';
import type { UnitFigures } from '../../../shared/snapshot.js';
import { useI18n } from '../i18n/index.js';
import { bestAndWorst } from '../lib/charts.js';
import { GradeBadge } from './GradeBadge.js';

function UnitList({ title, units }: { title: string; units: UnitFigures[] }) {
  const { fmt, t } = useI18n();
  return (
    <div>
      <h3>{title}</h3>
      {units.length === 0 ? (
        <p className="empty">{t('empty')}</p>
      ) : (
        <ol className="unit-list">
          {units.map((u) => (
            <li key={u.code}>
              <span className="rank num">{u.rank}</span>
              <span className="name">{u.name}</span>
              <span className="num score">{fmt.score(u.score)}</span>
              <GradeBadge grade={u.grade} />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

export const BestWorst = memo(function BestWorst({ units, n = 5 }: { units: readonly UnitFigures[]; n?: number }) {
  const { t } = useI18n();
  const { best, worst } = bestAndWorst(units, n);
  return (
    <div className="best-worst">
      <UnitList title={t('bestUnits')} units={best} />
      <UnitList title={t('worstUnits')} units={worst} />
    </div>
  );
});
