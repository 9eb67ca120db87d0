import type pg from 'pg';

/**
 * Refuses to serve through a connection that RLS would not bind: a superuser or BYPASSRLS role
 * (a misconfigured DATABASE_URL) would silently see every tenant's rows.
 */
export async function assertRlsBoundRole(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ role: string; rolsuper: boolean; rolbypassrls: boolean }>(
    'select current_user as role, rolsuper, rolbypassrls from pg_roles where rolname = current_user',
  );
  const [role] = rows;
  if (!role || role.rolsuper || role.rolbypassrls) {
    throw new Error(`Database role "${role?.role}" bypasses row-level security; connect as the service role (e.g. studbook_app)`);
  }
}
