/** What a request's operation is called on a metric when its name cannot be used. */
export const ANONYMOUS_OPERATION = '(anonymous)';
export const UNKNOWN_OPERATION = '(unknown)';
export const OTHER_OPERATION = '(other)';

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

/**
 * Bounds the `operation` label: clients choose operation names, and every distinct value is a new
 * time series. The first `limit` names seen are kept; any later one is `(other)`, a request without
 * a name `(anonymous)`, one that never parsed or validated (so has no operation) `(unknown)`.
 */
export class OperationLabels {
  private readonly seen = new Set<string>();

  constructor(private readonly limit = 200) {}

  label(name: string | null | undefined, resolved: boolean): string {
    if (!resolved) return UNKNOWN_OPERATION;
    if (!name) return ANONYMOUS_OPERATION;
    if (!GRAPHQL_NAME.test(name)) return OTHER_OPERATION;
    if (this.seen.has(name)) return name;
    if (this.seen.size >= this.limit) return OTHER_OPERATION;
    this.seen.add(name);
    return name;
  }
}
