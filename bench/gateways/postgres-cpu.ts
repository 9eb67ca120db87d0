import pg from 'pg';
import { processCpuMs } from './process-cpu.js';

/** CPU so far of each PostgreSQL backend serving a database, by process id. */
export type BackendCpu = Map<number, number>;

/**
 * Counts the CPU PostgreSQL spends for the bench's subgraphs: the backends (one process per
 * connection, on this machine, so /proc has them) connected to databases named `<prefix>_*`.
 * PostgreSQL's shared processes (WAL writer, checkpointer) are left out; a backend that closes
 * during a run takes its CPU with it, which the subgraphs' pools, busy throughout a run, do not do.
 */
export class PostgresCpu {
  private constructor(
    private readonly admin: pg.Client,
    private readonly prefix: string,
  ) {}

  static async connect(adminUrl: string, prefix: string): Promise<PostgresCpu> {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    return new PostgresCpu(admin, prefix);
  }

  async sample(): Promise<BackendCpu> {
    const { rows } = await this.admin.query<{ pid: number }>(`select pid from pg_stat_activity where datname like $1`, [`${this.prefix}\\_%`]);
    const cpu: BackendCpu = new Map();
    for (const { pid } of rows) {
      try {
        cpu.set(pid, processCpuMs(pid));
      } catch {
        // Closed between the query and the read: nothing left to count.
      }
    }
    return cpu;
  }

  /** CPU spent between two samples; a backend opened in between counts from its start. */
  static spent(before: BackendCpu, after: BackendCpu): number {
    let total = 0;
    for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
    return total;
  }

  close(): Promise<void> {
    return this.admin.end();
  }
}
