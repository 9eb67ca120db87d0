import { randomUUID } from 'node:crypto';
import { asAdmin } from './postgres.js';

export interface SaleRow {
  saleId: string;
  listingId: string;
  sellerOrganizationId: string;
  buyerOrganizationId: string;
  price: number;
  status?: 'RESERVED' | 'ACCEPTED' | 'COMPLETED' | 'CANCELLED';
  /** When it completed; default now. */
  completedAt?: Date;
}

/**
 * Writes a sale row straight into commerce's `sales` table, as the sale module (another branch,
 * not merged yet) will: reviews and market statistics read sales only through
 * `studbook_sale_facts()`, the contract, so these rows stand in for sales made through the API.
 * Until that module is merged the table does not exist here, so the first call creates it with the
 * columns the contract reads and secures it like every tenant table (RLS, audit). Replace every
 * call with the real reservation and completion mutations at the merge, then delete this file.
 */
export async function insertSaleBySql(sale: Omit<SaleRow, 'saleId'> & { saleId?: string }): Promise<string> {
  const saleId = sale.saleId ?? randomUUID();
  await asAdmin(
    'commerce',
    `do $$ begin
       perform pg_advisory_xact_lock(hashtext('test sales table'));
       if to_regclass('public.sales') is null then
         create table public.sales (
           id uuid primary key, tenant_id uuid not null, listing_id uuid not null, buyer_org_id uuid not null, seller_org_id uuid not null,
           price numeric(12, 2) not null, status text not null,
           created_at timestamptz(3) not null default now(), updated_at timestamptz(3) not null default now());
         alter table public.sales enable row level security;
         alter table public.sales force row level security;
         create policy tenant_isolation on public.sales using (tenant_id = studbook_current_tenant()) with check (tenant_id = studbook_current_tenant());
         grant select, insert, update, delete on public.sales to studbook_app;
         create trigger audit after insert or update or delete on public.sales for each row execute function studbook_audit();
       end if;
     end $$`,
  );
  const at = (sale.completedAt ?? new Date()).toISOString();
  await asAdmin(
    'commerce',
    `insert into sales (id, tenant_id, listing_id, buyer_org_id, seller_org_id, price, status, created_at, updated_at) values ($1, $2, $3, $4, $2, $5, $6, $7, $7)`,
    [saleId, sale.sellerOrganizationId, sale.listingId, sale.buyerOrganizationId, sale.price, sale.status ?? 'COMPLETED', at],
  );
  return saleId;
}

/** Moves a sale on (e.g. to COMPLETED), as the sale module's transitions will. */
export async function setSaleStatusBySql(saleId: string, status: NonNullable<SaleRow['status']>): Promise<void> {
  await asAdmin('commerce', `update sales set status = $2, updated_at = now() where id = $1`, [saleId, status]);
}
