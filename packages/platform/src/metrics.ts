/** Counters exposed in Prometheus text format on each deployable's /metrics endpoint. */
export class Metrics {
  private readonly counters = new Map<string, { help: string; values: Map<string, number> }>();

  increment(name: string, help: string, labels: Record<string, string> = {}, by = 1): void {
    let counter = this.counters.get(name);
    if (!counter) {
      counter = { help, values: new Map() };
      this.counters.set(name, counter);
    }
    const key = labelKey(labels);
    counter.values.set(key, (counter.values.get(key) ?? 0) + by);
  }

  /** The current value of one counter series (0 if never incremented). */
  get(name: string, labels: Record<string, string> = {}): number {
    return this.counters.get(name)?.values.get(labelKey(labels)) ?? 0;
  }

  render(): string {
    const lines: string[] = [];
    for (const [name, { help, values }] of this.counters) {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
      for (const [labels, value] of values) lines.push(`${name}${labels ? `{${labels}}` : ''} ${value}`);
    }
    return lines.join('\n') + '\n';
  }
}

function labelKey(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}="${v.replace(/"/g, '\\"')}"`)
    .join(',');
}
