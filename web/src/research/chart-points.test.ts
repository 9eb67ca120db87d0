import { describe, expect, it } from 'vitest';
import { measurementPoints, monthStart, monthlyMeanPoints, trendPoints } from './chart-points';

describe('chart points', () => {
  it('place a month at its first instant in UTC', () => {
    expect(monthStart('2024-01')).toBe(Date.UTC(2024, 0, 1) / 1000);
    expect(monthStart('2024-12')).toBe(Date.UTC(2024, 11, 1) / 1000);
  });

  it('label monthly means with their counts and round away float noise', () => {
    expect(monthlyMeanPoints([{ month: '2024-03', mean: 10.1 + 0.2, count: 4 }])).toEqual([{ x: Date.UTC(2024, 2, 1) / 1000, y: 10.3, label: '2024-03 (4 measured)' }]);
  });

  it('put measurements at their instants and trend points at their birth years', () => {
    expect(measurementPoints([{ measuredAt: '2024-05-02T10:00:00.000Z', value: 3.5 }])).toEqual([{ x: Date.UTC(2024, 4, 2, 10) / 1000, y: 3.5, label: '2024-05-02' }]);
    expect(trendPoints([{ year: 2021, meanEbv: -0.123456, animals: 3 }])).toEqual([{ x: 2021, y: -0.1235, label: '2021 (3 animals)' }]);
  });
});
