import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartPoint {
  /** Seconds since 1970 for a time axis, or a plain number (a year). */
  x: number;
  y: number;
  /** How the point reads in the table that screen readers get instead of the canvas. */
  label: string;
}

interface TimeChartProps {
  title: string;
  yLabel: string;
  points: readonly ChartPoint[];
  /** False for an axis of plain numbers (birth years) rather than instants. */
  time?: boolean;
}

/**
 * A line chart drawn by uPlot on a canvas. The canvas is an image to assistive technology, named by the
 * title; the same points follow as a table, so nothing the chart says is for sighted readers only.
 */
export default function TimeChart({ title, yLabel, points, time = true }: TimeChartProps) {
  const holder = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = holder.current;
    if (!element || points.length === 0) return;
    const width = Math.max(280, Math.min(element.clientWidth || 640, 900));
    const chart = new uPlot(
      {
        width,
        height: 240,
        scales: { x: { time } },
        // Years step by whole years and read as years, not as 2,019.5.
        axes: [time ? {} : { incrs: [1, 2, 5, 10, 25], values: (_chart, splits) => splits.map((year) => String(year)) }, { label: yLabel }],
        legend: { show: false },
        series: [{}, { label: yLabel, stroke: '#2f6f4f', width: 2, points: { show: true, size: 6 } }],
      },
      [points.map((point) => point.x), points.map((point) => point.y)],
      element,
    );
    return () => chart.destroy();
  }, [points, time, yLabel]);

  return (
    <figure className="chart">
      <div ref={holder} role="img" aria-label={`${title}: chart of ${points.length} points; the table below has the values`} />
      <figcaption>{title}</figcaption>
      <details>
        <summary>Values as a table</summary>
        <table className="table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{time ? 'When' : 'Year'}</th>
              <th scope="col">{yLabel}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((point) => (
              <tr key={`${point.x}:${point.y}:${point.label}`}>
                <td>{point.label}</td>
                <td>{point.y}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
