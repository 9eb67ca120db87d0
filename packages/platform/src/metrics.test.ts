import { describe, expect, it } from 'vitest';
import { Metrics } from './metrics.js';
import { OperationLabels } from './observability/operation-labels.js';

describe('metrics', () => {
  it('renders counters, histograms and gauges in Prometheus text, with the default process metrics', async () => {
    const metrics = new Metrics();
    metrics.increment('studbook_things_total', 'Things', { kind: 'a' }, 2);
    metrics.observe('studbook_wait_seconds', 'Waits', { op: 'Q' }, 0.02);
    metrics.gauge('studbook_pool', 'Pool', ['pool'], () => [{ labels: { pool: 'animal' }, value: 4 }]);
    metrics.gauge('studbook_pool', 'Pool', ['pool'], () => [{ labels: { pool: 'commerce' }, value: 1 }]);
    const text = await metrics.render();
    expect(text).toContain('studbook_things_total{kind="a"} 2');
    expect(text).toContain('studbook_wait_seconds_bucket{le="0.025",op="Q"} 1');
    expect(text).toContain('studbook_wait_seconds_bucket{le="0.01",op="Q"} 0');
    expect(text).toContain('studbook_wait_seconds_count{op="Q"} 1');
    expect(text).toMatch(/studbook_pool\{pool="animal"\} 4\nstudbook_pool\{pool="commerce"\} 1/);
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
    expect(metrics.get('studbook_things_total', { kind: 'a' })).toBe(2);
  });

  it('escapes label values, so a quote, backslash or line break cannot forge a series', async () => {
    const metrics = new Metrics({ processMetrics: false });
    metrics.increment('studbook_x_total', 'X', { value: 'a"b\\c\nstudbook_forged 1' });
    expect(await metrics.render()).toContain('studbook_x_total{value="a\\"b\\\\c\\nstudbook_forged 1"} 1');
    expect(await metrics.render()).not.toMatch(/^studbook_forged/m);
  });
});

describe('operation labels', () => {
  it('names anonymous and unresolved operations by fixed labels and caps distinct names', () => {
    const labels = new OperationLabels(2);
    expect(labels.label(undefined, true)).toBe('(anonymous)');
    expect(labels.label('Herd', false)).toBe('(unknown)');
    expect(labels.label('Herd', true)).toBe('Herd');
    expect(labels.label('Pedigree', true)).toBe('Pedigree');
    expect(labels.label('Third', true)).toBe('(other)');
    expect(labels.label('Herd', true)).toBe('Herd');
  });
});
