import { useLiveState } from '../hooks/useLive.js';
import { useI18n } from '../i18n/index.js';
import type { TickerEvent } from '../lib/ticker.js';
import type { Translate } from '../i18n/index.js';

function describe(event: TickerEvent, t: Translate): string {
  switch (event.kind) {
    case 'overdueUp': return t('tickerOverdueUp', { unit: event.unitName, from: event.from, to: event.to });
    case 'gradeDown': return t('tickerGradeDown', { unit: event.unitName, from: t(`grade_${event.from}`), to: t(`grade_${event.to}`) });
    case 'gradeUp': return t('tickerGradeUp', { unit: event.unitName, from: t(`grade_${event.from}`), to: t(`grade_${event.to}`) });
    case 'rankUp': return t('tickerRankUp', { unit: event.unitName, rank: event.rank });
  }
}

/** The live ticker of notable changes; the list is bounded by the connection (TICKER_LIMIT). */
export function Ticker({ max = 8 }: { max?: number }) {
  const { t, fmt } = useI18n();
  const { ticker } = useLiveState();
  return (
    <section className="card ticker c-ticker" aria-label={t('ticker')}>
      <h2>{t('ticker')}</h2>
      {ticker.length === 0 ? (
        <p className="empty">{t('tickerEmpty')}</p>
      ) : (
        <ul aria-live="polite">
          {ticker.slice(0, max).map((item) => (
            <li key={item.id} className={`tick tick-${item.event.kind}`}>
              <time className="num">{fmt.hourMinute(item.at)}</time> {describe(item.event, t)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
