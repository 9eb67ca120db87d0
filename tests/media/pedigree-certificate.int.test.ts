import { inject, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { graphql } from '../__generated__/index.js';
import { createAnimal, gql, gqlData, newOrganization } from '../support/gateway-client.js';

const CERTIFICATE = graphql(`
  query MediaPedigreeCertificate($animalId: ID!, $generations: Int) {
    pedigreeCertificate(animalId: $animalId, generations: $generations) { id issuedAt pdfUrl verificationPath contentHash }
  }
`);
const RENAME = graphql(`mutation MediaCertificateRename($id: ID!, $input: UpdateAnimalInput!) { updateAnimal(id: $id, input: $input) { id } }`);
const SET_GENOTYPE = graphql(`mutation MediaCertificateGenotype($id: ID!, $genotype: String!) { setGenotype(animalId: $id, genotype: $genotype) { id } }`);

const origin = () => new URL(inject('gatewayUrl')).origin;

async function pdfText(url: string): Promise<string> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
  const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
  return text;
}

/**
 * Breeder's animal Heir: sire Kingpin (own, Pastel), dam Queenie (own), Queenie's sire Outsider
 * (another organisation's, public when recorded, private since): hidden on the certificate.
 */
async function pedigreeWithHiddenAncestor() {
  const breeder = await newOrganization('Certificate Breeder');
  const neighbour = await newOrganization('Certificate Neighbour');
  const outsider = await createAnimal(neighbour, { name: 'Outsider Secret', sex: 'MALE', visibility: 'PUBLIC', hatchDate: '2015-01-01' });
  const queenie = await createAnimal(breeder, { name: 'Queenie', sex: 'FEMALE', hatchDate: '2018-01-01', sireId: outsider.id });
  const kingpin = await createAnimal(breeder, { name: 'Kingpin', sex: 'MALE', hatchDate: '2018-02-01' });
  await gqlData(SET_GENOTYPE, { id: kingpin.id, genotype: 'Pastel' }, breeder.token);
  const heir = await createAnimal(breeder, { name: 'Heir Apparent', sex: 'FEMALE', hatchDate: '2022-05-01', sireId: kingpin.id, damId: queenie.id });
  await gqlData(RENAME, { id: outsider.id, input: { visibility: 'PRIVATE' } }, neighbour.token);
  return { breeder, neighbour, heir, queenie };
}

describe('pedigree certificates', () => {
  it('prints the ancestors the owner may show, genotypes where visible, and no hidden one', async () => {
    const { breeder, heir } = await pedigreeWithHiddenAncestor();
    const { pedigreeCertificate } = await gqlData(CERTIFICATE, { animalId: heir.id, generations: 4 }, breeder.token);
    const text = await pdfText(pedigreeCertificate.pdfUrl);
    const issued = pedigreeCertificate.issuedAt.slice(0, 10);
    for (const expected of ['Certificate of Pedigree', 'Heir Apparent', 'Kingpin', 'Queenie', 'Pastel', pedigreeCertificate.id, pedigreeCertificate.verificationPath]) {
      expect(text, expected).toContain(expected);
    }
    // The owner by name (the user subgraph's, asked as the caller) and the date of issue.
    expect(text).toContain('Owner: Certificate Breeder Org');
    expect(text).toContain(`Issued ${issued}`);
    expect(text).not.toContain(breeder.organizationId);
    // Nothing of the hidden ancestor: neither its name nor its owner's.
    expect(text).not.toContain('Outsider');
    expect(text).not.toContain('Certificate Neighbour');
    expect(text).toMatch(/F = 0\.0000/);
  });

  it('renders ten generations', async () => {
    const { breeder, heir } = await pedigreeWithHiddenAncestor();
    const { pedigreeCertificate } = await gqlData(CERTIFICATE, { animalId: heir.id, generations: 10 }, breeder.token);
    const text = await pdfText(pedigreeCertificate.pdfUrl);
    expect(text).toContain('Generations 5 to 10');
    expect(text).toContain('Generation 10: 0 of 1024 known');
    // Every page says whose it is and how many there are.
    expect(text).toMatch(/Page 1 of 2\./);
    expect(text).toMatch(/Page 2 of 2\./);
  });

  it("prints the owner's name when another organisation certifies a public animal", async () => {
    const owner = await newOrganization('Certificate Public Owner');
    const buyer = await newOrganization('Certificate Curious Buyer');
    const animal = await createAnimal(owner, { name: 'For Sale Soon', visibility: 'PUBLIC' });
    const { pedigreeCertificate } = await gqlData(CERTIFICATE, { animalId: animal.id, generations: 2 }, buyer.token);
    const text = await pdfText(pedigreeCertificate.pdfUrl);
    expect(text).toContain('Owner: Certificate Public Owner Org');
    expect(text).not.toContain('Certificate Curious Buyer');
    const html = await (await fetch(`${origin()}${pedigreeCertificate.verificationPath}`)).text();
    expect(html).toContain('Certificate Public Owner Org');
  });

  it('has a public verification page that says whether the record changed since issue', async () => {
    const { breeder, heir, queenie } = await pedigreeWithHiddenAncestor();
    const { pedigreeCertificate } = await gqlData(CERTIFICATE, { animalId: heir.id, generations: 3 }, breeder.token);
    const pageUrl = `${origin()}${pedigreeCertificate.verificationPath}`;
    const fresh = await fetch(pageUrl);
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await fresh.text();
    expect(html).toContain('Valid: the record is unchanged');
    expect(html).toContain('Queenie');
    expect(html).toContain(pedigreeCertificate.contentHash);
    expect(html).toContain('<dd>Certificate Breeder Org</dd>');
    expect(html).toContain(`<dd>${pedigreeCertificate.issuedAt.slice(0, 10)} `);
    expect(html).not.toContain('Outsider');
    expect(html).not.toContain('Certificate Neighbour');

    await gqlData(RENAME, { id: queenie.id, input: { name: 'Queenie II' } }, breeder.token);
    const changed = await (await fetch(pageUrl)).text();
    expect(changed).toContain('Changed: the animal or its pedigree record has changed');
    // The page states what was certified, not today's record.
    expect(changed).toContain('Queenie<');
    expect(changed).not.toContain('Queenie II');

    expect((await fetch(`${origin()}/verify/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await fetch(`${origin()}/verify/<script>`)).status).toBe(404);
  });

  it('refuses a certificate of an animal the caller cannot see, and more than ten generations', async () => {
    const { neighbour, heir, breeder } = await pedigreeWithHiddenAncestor();
    expect((await gql(CERTIFICATE, { animalId: heir.id }, neighbour.token)).errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'animalId' });
    expect((await gql(CERTIFICATE, { animalId: heir.id, generations: 11 }, breeder.token)).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'generations',
    });
  });
});
