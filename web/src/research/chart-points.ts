import type { ChartPoint } from './TimeChart';

/** A "YYYY-MM" month as the instant it starts (UTC seconds), the x of a monthly mean. */
export function monthStart(month: string): number {
  const [year, monthNumber] = month.split('-').map(Number);
  return Date.UTC(year, monthNumber - 1, 1) / 1000;
}

export function monthlyMeanPoints(means: readonly { month: string; mean: number; count: number }[]): ChartPoint[] {
  return means.map((mean) => ({ x: monthStart(mean.month), y: round(mean.mean), label: `${mean.month} (${mean.count} measured)` }));
}

/** Measurements of one trait over time, oldest first, as the API returns them. */
export function measurementPoints(measurements: readonly { measuredAt: string; value: number }[]): ChartPoint[] {
  return measurements.map((m) => ({ x: Date.parse(m.measuredAt) / 1000, y: round(m.value), label: m.measuredAt.slice(0, 10) }));
}

export function trendPoints(trend: readonly { year: number; meanEbv: number; animals: number }[]): ChartPoint[] {
  return trend.map((point) => ({ x: point.year, y: round(point.meanEbv), label: `${point.year} (${point.animals} animals)` }));
}

/** Four significant decimals: what a reader compares, without float noise in the table. */
function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
