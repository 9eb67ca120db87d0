import { lazy, Suspense } from 'react';
import { Loading } from '../ui/Status';

// uPlot (about 20 kB gzipped) comes in TimeChart's own chunk, fetched when a page first draws a chart.
const TimeChart = lazy(() => import('./TimeChart'));

/** A chart, loaded on first use: the props of TimeChart. */
export function Chart(props: Parameters<typeof TimeChart>[0]) {
  return (
    <Suspense fallback={<Loading label="Loading the chart…" />}>
      <TimeChart {...props} />
    </Suspense>
  );
}
