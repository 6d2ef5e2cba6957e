/**
 * The charts, with Recharts and d3 (≈ 380 KB of the build) in a chunk of their own: a view's figures (KPI tiles,
 * tables, legends) render without waiting for it, and each chart fills its box once the chunk is there.
 * Views call `useChartsPreload` so the chunk is fetched as soon as they are on screen, not when data for a chart arrives.
 */
import { lazy, Suspense, useEffect, type ComponentType, type CSSProperties } from 'react';

const drawnCharts = () => import('./DrawnCharts.js');

/** `box`: the size the chart takes, held by the fallback so nothing moves when the chart draws. */
function lazyChart<P extends object>(load: () => Promise<ComponentType<P>>, box?: CSSProperties): ComponentType<P> {
  const Lazy = lazy(() => load().then((component) => ({ default: component })));
  return function LazyChart(props: P) {
    return (
      <Suspense fallback={box ? <div style={box} /> : <div className="chart" />}>
        <Lazy {...props} />
      </Suspense>
    );
  };
}

export const ReceivedResolvedChart = lazyChart(() => drawnCharts().then((m) => m.ReceivedResolvedChart));
export const RatesChart = lazyChart(() => drawnCharts().then((m) => m.RatesChart));
export const ChannelPie = lazyChart(() => drawnCharts().then((m) => m.ChannelPie), { width: '50%', height: '100%' });
export const FeedbackBars = lazyChart(() => drawnCharts().then((m) => m.FeedbackBars), { width: '55%', height: '100%' });

/** Starts fetching the charts' chunk once the calling view has rendered (a failure shows where a chart suspends). */
export function useChartsPreload(): void {
  useEffect(() => {
    drawnCharts().catch(() => undefined);
  }, []);
}
