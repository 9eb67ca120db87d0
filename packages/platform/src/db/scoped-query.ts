import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * Statements kept prepared per connection: PostgreSQL plans an unnamed statement afresh on every
 * execution, which under these RLS policies costs more than running it (2.3 ms of planning against 0.6 ms
 * of execution for a batch of measurements); a named one is planned once per connection and, once its
 * generic plan proves no worse, never again. Past this many on one connection, statements go unnamed.
 */
const PREPARED_PER_CONNECTION = 200;

/** A statement sent ahead of a query in its round trip; parsed once per connection (a named statement), bound each time. */
export interface PrefixStatement {
  name: string;
  text: string;
  values: string[];
}

/** The parts of pg's Connection a query drives: the extended-protocol messages and the named statements parsed so far. */
interface Connection {
  parsedStatements: Record<string, string>;
  submittedNamedStatements: Record<string, string>;
  parse(message: { name: string; text: string; types: unknown[] }): void;
  bind(message: { statement: string; values: string[] }): void;
  execute(message: Record<string, never>): void;
}

type QueryConfig = { text: string; name?: string; rowMode?: 'array'; types?: pg.CustomTypesConfig };
type Callback = (error: Error | null, result?: pg.QueryResult) => void;

/** pg's own query, whose protocol steps this extends; exported by pg, though its typings leave these steps out. */
const PgQuery = (pg as unknown as { Query: new (config: QueryConfig, values: unknown[] | undefined, callback: Callback) => PgQueryInstance }).Query;
interface PgQueryInstance {
  queryMode?: string;
  name?: string;
  text: string;
  submit(connection: Connection): Error | null;
  prepare(connection: Connection): void;
  handleDataRow(message: unknown): void;
  handleCommandComplete(message: unknown, connection: Connection): void;
}

/**
 * A query with statements sent ahead of it in the same round trip (extended protocol, one Sync), such as
 * the tenant's settings: PostgreSQL runs everything before a Sync in one transaction, so a setting made
 * with set_config(..., true) holds for the query and is gone when its transaction ends. The statements
 * ahead answer nothing to the caller; their rows and completions are skipped, and their failure is the query's.
 */
class ScopedQuery extends PgQuery {
  private ahead: number;

  constructor(
    config: QueryConfig,
    values: unknown[] | undefined,
    private readonly prefix: PrefixStatement[],
    callback: Callback,
  ) {
    super(config, values, callback);
    this.ahead = prefix.length;
    // A query without values would go out as a simple-protocol Query message, which cannot share a Sync.
    this.queryMode = 'extended';
  }

  override submit(connection: Connection): Error | null {
    // On a connection's first use of a statement ahead, pg would take that statement's ParseComplete for this
    // query's (it marks the active query's name parsed on any): this query goes unnamed that once.
    const aheadParsed = this.prefix.every((statement) => connection.parsedStatements[statement.name] !== undefined);
    if (this.name === undefined && aheadParsed) this.name = preparedName(connection, this.text);
    return super.submit(connection);
  }

  override prepare(connection: Connection): void {
    for (const statement of this.prefix) {
      if (connection.parsedStatements[statement.name] === undefined) {
        connection.parse({ name: statement.name, text: statement.text, types: [] });
        // Marked at once: its text is fixed, so the parse fails only with the connection, which goes with it.
        connection.parsedStatements[statement.name] = statement.text;
      }
      connection.bind({ statement: statement.name, values: statement.values });
      connection.execute({});
    }
    super.prepare(connection);
  }

  override handleDataRow(message: unknown): void {
    if (this.ahead === 0) super.handleDataRow(message);
  }

  override handleCommandComplete(message: unknown, connection: Connection): void {
    if (this.ahead > 0) this.ahead--;
    else super.handleCommandComplete(message, connection);
  }
}

const names = new Map<string, string>();
const prepared = new WeakMap<Connection, number>();

/** The statement's name on this connection, or none when the connection holds as many prepared statements as it may. */
function preparedName(connection: Connection, text: string): string | undefined {
  let name = names.get(text);
  if (!name) {
    name = `studbook_${createHash('sha1').update(text).digest('base64url')}`;
    // Statement texts come from the code, so they are few; the map is bounded all the same.
    if (names.size < 10_000) names.set(text, name);
  }
  if (connection.parsedStatements[name] !== undefined || connection.submittedNamedStatements[name] !== undefined) return name;
  const count = prepared.get(connection) ?? 0;
  if (count >= PREPARED_PER_CONNECTION) return undefined;
  prepared.set(connection, count + 1);
  return name;
}

/** Sends `config` on `client` with `prefix` ahead of it in one round trip; resolves to the query's own result. */
export function queryWithPrefix(client: pg.PoolClient, prefix: PrefixStatement[], config: QueryConfig, values?: unknown[]): Promise<pg.QueryResult> {
  return new Promise((resolve, reject) => {
    const query = new ScopedQuery(config, values, prefix, (error, result) => (error ? reject(error) : resolve(result!)));
    client.query(query as unknown as pg.QueryConfig);
  });
}
