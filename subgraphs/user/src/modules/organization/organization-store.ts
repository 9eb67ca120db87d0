import { batchGetItems } from '../../dynamo/batch-get.js';
import { keys } from '../../dynamo/keys.js';
import type { UserTable } from '../../dynamo/user-table.js';

/** An organisation; its id is the tenant id PostgreSQL RLS uses, hence always a UUID. */
export interface OrganizationItem {
  id: string;
  name: string;
  createdAt: string;
}

export async function getOrganizations(table: UserTable, organizationIds: readonly string[]): Promise<(OrganizationItem | null)[]> {
  const items = await batchGetItems(table, organizationIds.map(keys.organization), ['id', 'name', 'createdAt']);
  return items.map((item) => (item ? { id: String(item.id), name: String(item.name), createdAt: String(item.createdAt) } : null));
}
