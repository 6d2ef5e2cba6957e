/** Every Recharts component of the app, behind one dynamic import (LazyCharts): one chunk, fetched once. */
export { ChannelPie, FeedbackBars } from './MixPlots.js';
export { RatesChart, ReceivedResolvedChart } from './TrendCharts.js';
