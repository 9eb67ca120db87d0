import { sql } from 'drizzle-orm';
import { pedigreeCertificates } from '@studbook/drizzle/animal';
import type { Tx } from '@studbook/platform';
import type { CertificateFacts } from './certificate-facts.js';

export type CertificateRow = typeof pedigreeCertificates.$inferSelect;
export type NewCertificate = Pick<CertificateRow, 'id' | 'animalId' | 'generations' | 'contentHash' | 'objectKey' | 'ownerName'> & { facts: CertificateFacts };

export async function insertCertificate(tx: Tx, certificate: NewCertificate): Promise<CertificateRow> {
  const [row] = await tx.insert(pedigreeCertificates).values(certificate).returning();
  return row;
}

export interface IssuedCertificate {
  id: string;
  tenantId: string;
  animalId: string;
  generations: number;
  facts: CertificateFacts;
  contentHash: string;
  /** As printed; null where it was not known. */
  ownerName: string | null;
  issuedAt: Date;
}

/** Any organisation's certificate by id (studbook_api_certificate): what it states and who issued it. */
export async function findIssuedCertificate(tx: Tx, id: string): Promise<IssuedCertificate | null> {
  const { rows } = await tx.execute<{
    id: string;
    tenant_id: string;
    animal_id: string;
    generations: number;
    facts: CertificateFacts;
    content_hash: string;
    owner_name: string | null;
    issued_at: string;
  }>(sql`select id, tenant_id, animal_id, generations, facts, content_hash, owner_name, issued_at from studbook_api_certificate(${id}::uuid)`);
  const [row] = rows;
  if (!row) return null;
  return {
    id: row.id,
    tenantId: row.tenant_id,
    animalId: row.animal_id,
    generations: row.generations,
    facts: row.facts,
    contentHash: row.content_hash,
    ownerName: row.owner_name,
    issuedAt: new Date(row.issued_at),
  };
}
