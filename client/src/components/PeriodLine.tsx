import type { Period } from '../../../shared/periods.js';
import { useI18n } from '../i18n/index.js';
import { useVersus } from './Versus.js';

/** The last moment figures of `range` cover: its end, or `until` (now, a frozen moment) within it. */
export function coveredUntil(range: Period, until: Date): Date {
  return new Date(Math.min(range.to.getTime() - 1, until.getTime()));
}

/**
 * Which period the figures cover, up to `until` (now, or the moment a presentation froze them), and the period
 * they are compared with (the one before, or a year before: `ComparedWith`): a custom range or a comparison is
 * otherwise nowhere on the page.
 */
export function PeriodLine({ range, until, previousRange }: { range: Period; until: Date; previousRange?: Period }) {
  const { t, fmt } = useI18n();
  const versus = useVersus();
  return (
    <p className="muted period-line">
      <span className="no-print">{t('reportPeriod', { from: fmt.date(range.from), to: fmt.dateTime(coveredUntil(range, until)) })}{previousRange ? ' · ' : ''}</span>
      {previousRange && t(versus === 'yearAgo' ? 'compareYearAgo' : 'comparePrevious', { from: fmt.date(previousRange.from), to: fmt.dateTime(previousRange.to) })}
    </p>
  );
}
