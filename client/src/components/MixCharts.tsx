import { memo } from 'react';
import type { Metrics } from '../../../shared/figures.js';
import { useI18n } from '../i18n/index.js';
import { channelMix, feedbackBars } from '../lib/charts.js';
import { COLORS } from './chartColors.js';
import { ChannelPie, FeedbackBars } from './LazyCharts.js';

/** `chartless`: the wall display shows the figures only, large, without a small chart beside them. */
export const ChannelMix = memo(function ChannelMix({ total, chartless = false }: { total: Metrics; chartless?: boolean }) {
  const { t, fmt } = useI18n();
  const slices = channelMix(total);
  if (slices.length === 0) return <p className="empty">{t('empty')}</p>;
  const data = slices.map((s) => ({ ...s, name: t(s.key === 'online' ? 'channelOnline' : 'channelOffline') }));
  return (
    <div className="chart chart-split">
      {!chartless && <ChannelPie data={data} />}
      <dl className="legend-list">
        {data.map((s) => (
          <div key={s.key}>
            <dt><span className="swatch" style={{ background: COLORS[s.key] }} />{s.name}</dt>
            <dd className="num">{fmt.count(s.value)} · {fmt.percent(total.received ? s.value / total.received : null, 1)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
});

export const FeedbackChart = memo(function FeedbackChart({ total, chartless = false }: { total: Metrics; chartless?: boolean }) {
  const { t, fmt } = useI18n();
  const bars = feedbackBars(total);
  if (bars.length === 0) return <p className="empty">{t('empty')}</p>;
  const data = bars.map((b) => ({ ...b, name: t(b.key) }));
  return (
    <div className="chart chart-split">
      {!chartless && <FeedbackBars data={data} />}
      <dl className="legend-list">
        <div><dt>{t('feedbackReceived')}</dt><dd className="num">{fmt.count(total.feedbackReceived)}</dd></div>
        <div><dt>{t('feedbackResolved')}</dt><dd className="num">{fmt.count(total.feedbackResolved)} · {fmt.percent(total.feedbackResolvedRate, 1)}</dd></div>
      </dl>
    </div>
  );
});
