/** The drawn halves of the channel and feedback cards (Recharts, so loaded through LazyCharts). */
import { memo } from 'react';
import { Bar, BarChart, Cell, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '../i18n/index.js';
import type { Slice } from '../lib/charts.js';
import { COLORS } from './chartColors.js';

export const ChannelPie = memo(function ChannelPie({ data }: { data: readonly (Slice & { name: string })[] }) {
  const { fmt } = useI18n();
  return (
    <ResponsiveContainer width="50%" height="100%">
      <PieChart>
        <Pie data={[...data]} dataKey="value" nameKey="name" innerRadius="55%" outerRadius="90%" isAnimationActive={false}>
          {data.map((s) => <Cell key={s.key} fill={COLORS[s.key]} />)}
        </Pie>
        <Tooltip formatter={(v) => fmt.count(Number(v))} />
      </PieChart>
    </ResponsiveContainer>
  );
});

export const FeedbackBars = memo(function FeedbackBars({ data }: { data: readonly { key: 'feedbackResolved' | 'feedbackPending'; name: string; value: number }[] }) {
  return (
    <ResponsiveContainer width="55%" height="100%">
      <BarChart data={[...data]} layout="vertical" margin={{ left: 0, right: 16 }}>
        <XAxis type="number" hide />
        <YAxis type="category" dataKey="name" width={96} tick={{ fill: 'var(--muted)', fontSize: '0.8rem' }} />
        <Bar dataKey="value" barSize={28} isAnimationActive={false}>
          {data.map((b) => <Cell key={b.key} fill={b.key === 'feedbackResolved' ? COLORS.resolved : COLORS.progress} />)}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
});
