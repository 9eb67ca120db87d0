import { randomUUID } from 'node:crypto';
import { appendEvent, ErrorCode, isUuid, requireUser, userError, type Identity, type ObjectStore, type TenantDb } from '@studbook/platform';
import { pedigreeCertificateIssued } from '@studbook/contracts/events';
import type { AnimalRow } from '../animal/animal-row.js';
import type { AnimalService } from '../animal/animal-service.js';
import { validGenerations } from '../lineage/lineage-input.js';
import { type CertificateFacts, factsHash } from './certificate-facts.js';
import { renderCertificatePdf } from './certificate-pdf.js';
import { findIssuedCertificate, insertCertificate } from './certificate-store.js';

/** Ten generations are 2,046 positions: a chart and a few pages of list. */
export const MAX_CERTIFICATE_GENERATIONS = 10;

/** The facts of an animal as one organisation sees it; null when that organisation cannot see the animal now. */
export type FactsOf = (animalId: string, generations: number) => Promise<CertificateFacts | null>;

export interface CertificateServiceDeps {
  db: TenantDb;
  identity: Identity;
  animals: AnimalService;
  objects: ObjectStore;
  /** As the caller, for issuing. */
  factsOf: (animal: AnimalRow, generations: number) => Promise<CertificateFacts>;
  /** As the issuing organisation, for verifying: what it would print today. */
  factsAsIssuer: (issuerTenantId: string) => FactsOf;
  /** An organisation's name as the caller may read it (the user subgraph's); null where it cannot be asked. */
  organizationName: (organizationId: string) => Promise<string | null>;
  /** Base of the public verification page, e.g. https://studbook.example (the gateway). */
  verificationBaseUrl: string;
  downloadUrlSeconds: number;
}

// The certificate lookup is an owner-privileged function that needs no tenant: this tenant owns nothing.
const NO_TENANT = { tenantId: '00000000-0000-0000-0000-000000000000', userId: null };

/** Pedigree certificates: issued as a PDF in object storage, verified by anyone holding the id. */
export class CertificateService {
  constructor(private readonly deps: CertificateServiceDeps) {}

  async issue(animalId: string, generations: number | null | undefined) {
    const caller = requireUser(this.deps.identity);
    const depth = validGenerations(generations, MAX_CERTIFICATE_GENERATIONS, 4);
    const animal = isUuid(animalId) ? await this.deps.animals.byId(animalId) : null;
    if (!animal) throw userError(ErrorCode.NotFound, 'Animal not found', { field: 'animalId' });
    const [facts, ownerName] = await Promise.all([this.deps.factsOf(animal, depth), this.deps.organizationName(animal.tenantId)]);
    const id = randomUUID();
    const issuedAt = new Date();
    const contentHash = factsHash(facts);
    const pdf = await renderCertificatePdf({ id, issuedAt, verificationUrl: this.verificationUrl(id), facts, ownerName });
    const objectKey = `certificates/${caller.organizationId}/${id}.pdf`;
    await this.deps.objects.put(objectKey, pdf, 'application/pdf');
    const row = await this.deps.db.run({ tenantId: caller.organizationId, userId: caller.userId }, async (tx) => {
      const inserted = await insertCertificate(tx, { id, animalId: animal.id, generations: depth, contentHash, objectKey, facts, ownerName });
      await appendEvent(tx, pedigreeCertificateIssued, { aggregateId: id, payload: { id, animalId: animal.id, generations: depth, contentHash } });
      return inserted;
    });
    return {
      id: row.id,
      issuedAt: row.issuedAt,
      contentHash,
      pdfUrl: await this.deps.objects.presignGet(objectKey, this.deps.downloadUrlSeconds),
      verificationPath: verificationPath(id),
    };
  }

  /** What the certificate states and whether the issuer would print the same today; null for an unknown id. */
  async verify(id: string) {
    if (!isUuid(id)) return null;
    const issued = await this.deps.db.read(NO_TENANT, (tx) => findIssuedCertificate(tx, id.toLowerCase()));
    if (!issued) return null;
    const today = await this.deps.factsAsIssuer(issued.tenantId)(issued.animalId, issued.generations);
    return {
      ...issued.facts,
      id: issued.id,
      issuedAt: issued.issuedAt,
      contentHash: issued.contentHash,
      ownerName: issued.ownerName,
      unchanged: today !== null && factsHash(today) === issued.contentHash,
    };
  }

  private verificationUrl(id: string): string {
    return new URL(verificationPath(id), this.deps.verificationBaseUrl).toString();
  }
}

export const verificationPath = (id: string) => `/verify/${id}`;
