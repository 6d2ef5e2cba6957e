/**
 * The charts, with Recharts and d3 (≈ 380 KB of the build) in a chunk of their own, so the wall display shows its
 * figures (KPI tiles, tables, legends) without waiting for it: there a chart fills its box once the chunk is there.
 * Pages that print or export charts (dashboard, presenter) load the chunk with the page (`loadCharts`, see
 * pages.tsx), and a chart mounted once the chunk is loaded renders at once, with the figures, as before the split.
 */
import { lazy, Suspense, useEffect, useState, type ComponentType, type CSSProperties } from 'react';
import { loadOnce } from '../lib/loadOnce.js';

type DrawnCharts = typeof import('./DrawnCharts.js');

// A failed import is tried again by the next chart to mount.
const charts = loadOnce((): Promise<DrawnCharts> => import('./DrawnCharts.js'));

/** Loads the charts' chunk (once); resolves when charts render without suspending. */
export function loadCharts(): Promise<DrawnCharts> {
  return charts.load();
}

/** `box`: the size the chart takes, held by the fallback so nothing moves when the chart draws. */
function lazyChart<P extends object>(pick: (charts: DrawnCharts) => ComponentType<P>, box?: CSSProperties): ComponentType<P> {
  const Lazy = lazy(() => loadCharts().then((charts) => ({ default: pick(charts) })));
  return function LazyChart(props: P) {
    // Decided when the chart mounts: switching from the lazy stand-in to the loaded chart later would remount it.
    const [Drawn] = useState(() => {
      const drawn = charts.loaded();
      return drawn ? pick(drawn) : null;
    });
    if (Drawn) return <Drawn {...props} />;
    return (
      <Suspense fallback={box ? <div style={box} /> : <div className="chart" />}>
        <Lazy {...props} />
      </Suspense>
    );
  };
}

export const ReceivedResolvedChart = lazyChart((charts) => charts.ReceivedResolvedChart);
export const RatesChart = lazyChart((charts) => charts.RatesChart);
export const ChannelPie = lazyChart((charts) => charts.ChannelPie, { width: '50%', height: '100%' });
export const FeedbackBars = lazyChart((charts) => charts.FeedbackBars, { width: '55%', height: '100%' });

/** Starts loading the charts' chunk once the calling view has rendered (a failure shows where a chart suspends). */
export function useChartsPreload(): void {
  useEffect(() => {
    loadCharts().catch(() => undefined);
  }, []);
}
