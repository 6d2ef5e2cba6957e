import type { Metrics, ScoringConfig } from '../../../shared/figures.js';
import { useI18n } from '../i18n/index.js';
import { explainScore } from '../lib/explain.js';
import { GradeBadge } from './GradeBadge.js';

/** The score component by component, with the configured points and thresholds, and the way to the next band. */
export function ScoreExplanation({ metrics, scoring }: { metrics: Metrics; scoring: ScoringConfig }) {
  const { t, fmt } = useI18n();
  const e = explainScore(metrics, scoring);
  if (e.score === null) return <p className="empty">{t('scoreNoData')}</p>;
  const hint = e.next?.improvements
    .map((i) => t('scoreHint', { component: t(`comp_${i.component}`), target: fmt.percent(i.targetShare, 1) }))
    .join('; ');
  return (
    <>
      <table className="explain">
        <thead>
          <tr>
            <th scope="col" className="left">{t('scoreComponent')}</th>
            <th scope="col" className="num">{t('scoreShare')}</th>
            <th scope="col" className="num">{t('scoreFullAt')}</th>
            <th scope="col" className="num">{t('scorePoints')}</th>
          </tr>
        </thead>
        <tbody>
          {e.components.map((c) => (
            <tr key={c.component} className={c.earned === null ? 'muted' : ''}>
              <th scope="row" className="left">{t(`comp_${c.component}`)}</th>
              <td className="num">{fmt.percent(c.share, 1)}</td>
              <td className="num">{c.fullMarksAt === 1 ? fmt.percent(1, 0) : `≥ ${fmt.percent(c.fullMarksAt, 0)}`}</td>
              <td className="num">{c.earned === null ? t('noData') : `${fmt.score(c.earned)} / ${c.points}`}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" className="left" colSpan={3}>{t('scoreTotal')}</th>
            <td className="num"><strong>{fmt.score(e.score)}</strong> <GradeBadge grade={e.grade} /></td>
          </tr>
        </tfoot>
      </table>
      <p className="next-band">
        {e.next
          ? t('scoreNextBand', { grade: t(`grade_${e.next.grade}`), min: e.next.min, points: fmt.score(e.next.scoreGap), hint: hint ?? '' })
          : t('scoreTopBand')}
      </p>
    </>
  );
}
