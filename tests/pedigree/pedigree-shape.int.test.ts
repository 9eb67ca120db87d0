import { beforeAll, describe, expect, it } from 'vitest';
import { gql, gqlData, newOrganization, type Member } from '../support/gateway-client.js';
import { asAdmin } from '../support/postgres.js';
import { animal, inbreedingOf, kinshipOf, PEDIGREE, pedigreeOf, positions, setParents, year } from './lineage-fixtures.js';
import { graphql } from '../__generated__/index.js';

/**
 * Two organisations. Bea keeps a private founder line (Secret sire, whose own sire is public) and
 * two public half-siblings out of it; Ann breeds those half-siblings together.
 *
 *   Public grandsire (Bea, public) ─► Secret sire (Bea, PRIVATE) ─┬─► Halfbrother (Bea, public) ─┐
 *                                          Public dam A (Bea) ───┘                              ├─► Foal (Ann)
 *                                          Secret sire ─► Halfsister (Bea, public) ◄─ Public dam B ┘
 */
const FIVE_GENERATIONS_OF_DESCENDANTS = graphql(`
  query FiveGenerationsOfDescendants($id: ID!) { animal(id: $id) { descendants(generations: 5) { generation animal { name } } } }
`);

describe('pedigree shape and redaction across two organisations', () => {
  let ann: Member;
  let bea: Member;
  const id: Record<string, string> = {};

  beforeAll(async () => {
    [ann, bea] = await Promise.all([newOrganization('Ann'), newOrganization('Bea')]);
    const pub = { visibility: 'PUBLIC' as const };
    id.grandsire = await animal(bea, 'Public grandsire', { sex: 'MALE', hatchDate: year(0), ...pub });
    id.secret = await animal(bea, 'Secret sire', { sex: 'MALE', hatchDate: year(2), sireId: id.grandsire });
    id.damA = await animal(bea, 'Public dam A', { sex: 'FEMALE', hatchDate: year(2), ...pub });
    id.damB = await animal(bea, 'Public dam B', { sex: 'FEMALE', hatchDate: year(2), ...pub });
    id.brother = await animal(bea, 'Halfbrother', { sex: 'MALE', hatchDate: year(4), sireId: id.secret, damId: id.damA, ...pub });
    id.sister = await animal(bea, 'Halfsister', { sex: 'FEMALE', hatchDate: year(4), sireId: id.secret, damId: id.damB, ...pub });
    id.foal = await animal(ann, 'Foal', { sex: 'FEMALE', hatchDate: year(6), sireId: id.brother, damId: id.sister });
  });

  it('lists every position up to the requested generation, with null for unknown parents', async () => {
    const pedigree = await pedigreeOf(bea, id.brother, 3);
    expect(pedigree.generations).toBe(3);
    expect(positions(pedigree)).toEqual({
      S: id.secret,
      D: id.damA,
      SS: id.grandsire,
      SD: null,
      DS: null,
      DD: null,
      SSS: null,
      SSD: null,
    });
    expect(pedigree.nodes.map((n) => [n.position, n.generation])).toEqual([
      ['S', 1],
      ['D', 1],
      ['SS', 2],
      ['SD', 2],
      ['DS', 2],
      ['DD', 2],
      ['SSS', 3],
      ['SSD', 3],
    ]);
  });

  it("shows another organisation's private ancestor as a node without an animal, and nothing behind it", async () => {
    const pedigree = await pedigreeOf(ann, id.foal, 4);
    expect(positions(pedigree)).toEqual({
      S: id.brother,
      D: id.sister,
      SS: null, // Secret sire: private to Bea
      SD: id.damA,
      DS: null,
      DD: id.damB,
      SDS: null,
      SDD: null,
      DDS: null,
      DDD: null,
    });
    const text = JSON.stringify(pedigree);
    expect(text).not.toContain(id.secret);
    expect(text).not.toContain('Secret');
    expect(text).not.toContain(id.grandsire); // behind the private node
  });

  it('computes completeness and F over the whole lineage, private ancestors included', async () => {
    const pedigree = await pedigreeOf(ann, id.foal, 2);
    // Generation 1: both parents; generation 2: the Secret sire twice and both dams: all four known.
    expect(pedigree.completeness).toBeCloseTo(1, 12);
    // Parents are half-siblings through the private sire: F = 1/8.
    expect(await inbreedingOf(ann, [id.foal])).toEqual([expect.closeTo(0.125, 12)]);
    expect(await kinshipOf(ann, id.brother, id.sister)).toBeCloseTo(0.125, 12);
  });

  it('names the private common ancestor only as null in a pairing preview', async () => {
    const data = await gqlData(
      graphql(
        `query PreviewAsBreeder($s: ID!, $d: ID!) { pairingPreview(sireId: $s, damId: $d) { coefficientOfInbreeding commonAncestors { animal { id } contribution } } }`,
      ),
      { s: id.brother, d: id.sister },
      ann.token,
    );
    expect(data.pairingPreview).toEqual({
      coefficientOfInbreeding: expect.closeTo(0.125, 12),
      commonAncestors: [{ animal: null, contribution: expect.closeTo(0.125, 12) }],
    });
    const owner = await gqlData(
      graphql(`query PreviewAsOwner($s: ID!, $d: ID!) { pairingPreview(sireId: $s, damId: $d) { commonAncestors { animal { name } contribution } } }`),
      { s: id.brother, d: id.sister },
      bea.token,
    );
    expect(owner.pairingPreview.commonAncestors).toEqual([{ animal: { name: 'Secret sire' }, contribution: expect.closeTo(0.125, 12) }]);
  });

  it('refuses ids the caller cannot see as NOT_FOUND, and the sexes the wrong way round', async () => {
    for (const query of [
      `{ kinship(a: "${id.secret}", b: "${id.brother}") }`,
      `{ pairingPreview(sireId: "${id.secret}", damId: "${id.sister}") { coefficientOfInbreeding } }`,
    ]) {
      const result = await gql(query, {}, ann.token);
      expect(result.errors?.[0].extensions?.code, query).toBe('NOT_FOUND');
    }
    const swapped = await gql(`{ pairingPreview(sireId: "${id.sister}", damId: "${id.brother}") { coefficientOfInbreeding } }`, {}, ann.token);
    expect(swapped.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'sireId' });
  });

  it('answers nested sire/dam selections like the pedigree', async () => {
    const data = await gqlData(
      graphql(`query NestedParents($id: ID!) { animal(id: $id) { sire { sire { name } dam { name } } dam { dam { name } } } }`),
      { id: id.foal },
      ann.token,
    );
    expect(data.animal).toEqual({ sire: { sire: null, dam: { name: 'Public dam A' } }, dam: { dam: { name: 'Public dam B' } } });
  });

  it('lists offspring and descendants the caller may see, nearest generation first', async () => {
    const data = await gqlData(
      graphql(`query OffspringAndDescendants($id: ID!) { animal(id: $id) { offspring { name } descendants(generations: 3) { generation animal { name } } } }`),
      { id: id.damA },
      ann.token,
    );
    expect(data.animal!.offspring).toEqual([{ name: 'Halfbrother' }]);
    expect(data.animal!.descendants).toEqual([
      { generation: 1, animal: { name: 'Halfbrother' } },
      { generation: 2, animal: { name: 'Foal' } },
    ]);
    // Ann cannot see the Secret sire, so nothing is listed through it for her; Bea can, but not Ann's private Foal.
    const grand = await gqlData(FIVE_GENERATIONS_OF_DESCENDANTS, { id: id.grandsire }, ann.token);
    expect(grand.animal!.descendants).toEqual([]);
    const own = await gqlData(FIVE_GENERATIONS_OF_DESCENDANTS, { id: id.grandsire }, bea.token);
    expect(own.animal!.descendants).toEqual([
      { generation: 1, animal: { name: 'Secret sire' } },
      { generation: 2, animal: { name: 'Halfbrother' } },
      { generation: 2, animal: { name: 'Halfsister' } },
    ]);
  });
});

describe('generation limits', () => {
  it('refuses pedigrees beyond 30 generations and descendants beyond 10 with BAD_USER_INPUT', async () => {
    const owner = await newOrganization('Limits');
    const solo = await animal(owner, 'Solo', { sex: 'MALE' });
    for (const generations of [0, 31, -1]) {
      const result = await gql(PEDIGREE, { id: solo, generations }, owner.token);
      expect(result.errors?.[0].extensions, `generations ${generations}`).toEqual({ code: 'BAD_USER_INPUT', field: 'generations' });
      expect(result.errors?.[0].message).toBe('generations must be between 1 and 30');
    }
    const deep = await gql(
      graphql(`query ElevenGenerationsOfDescendants($id: ID!) { animal(id: $id) { descendants(generations: 11) { generation } } }`),
      { id: solo },
      owner.token,
    );
    expect(deep.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'generations' });
    expect((await pedigreeOf(owner, solo, 30)).nodes).toEqual([
      { position: 'S', generation: 1, animal: null },
      { position: 'D', generation: 1, animal: null },
    ]);
  });
});

describe('corrupt lineage with a loop (written past the API)', () => {
  it('neither hangs nor errors: pedigree, descendants, F, kinship and later writes all answer', async () => {
    const owner = await newOrganization('Loop');
    const a = await animal(owner, 'Loop A', { sex: 'MALE' });
    const b = await animal(owner, 'Loop B', { sex: 'MALE', sireId: a });
    const c = await animal(owner, 'Loop C', { sex: 'FEMALE', sireId: b });
    // A is made its own great-grandchild: A → C → B → A.
    await asAdmin('animal', 'update animals set sire_id = $1 where id = $2', [c, a]);
    await asAdmin('animal', "update animals set sex = 'MALE' where id = $1", [c]);

    const pedigree = await pedigreeOf(owner, a, 30);
    const sires = pedigree.nodes.filter((n) => /^S+$/.test(n.position));
    expect(sires).toHaveLength(30);
    expect(sires.slice(0, 3).map((n) => n.animal?.id)).toEqual([c, b, a]);
    expect(pedigree.completeness).toBe(0); // no dam anywhere

    const data = await gqlData(
      graphql(
        `query LoopLineage($a: ID!, $b: ID!) { animal(id: $a) { inbreedingCoefficient descendants(generations: 10) { generation animal { id } } } kinship(a: $a, b: $b) }`,
      ),
      { a, b },
      owner.token,
    );
    // B and C; A itself (reached again through the loop) is not its own descendant.
    expect(data.animal!.descendants.map((d) => [d.generation, d.animal!.id])).toEqual([
      [1, b],
      [2, c],
    ]);
    expect(Number.isFinite(data.kinship)).toBe(true);
    expect(data.animal!.inbreedingCoefficient).toBeGreaterThanOrEqual(0);
    // A lineage write through the loop still completes (F of the loop is recomputed without hanging).
    const dam = await animal(owner, 'Loop dam', { sex: 'FEMALE' });
    expect((await setParents(owner, b, a, dam)).errors).toBeUndefined();
  });
});

describe('a founder of a large herdbook', () => {
  it('lists up to 10,000 descendants and refuses more, suggesting fewer generations', async () => {
    const owner = await newOrganization('Founder');
    const founder = await animal(owner, 'Founder', { sex: 'MALE', hatchDate: year(0) });
    // Written past the API for speed: offspring of the founder.
    const addOffspring = (count: number) =>
      asAdmin(
        'animal',
        `insert into animals (tenant_id, name, species_id, sex, sire_id)
         select f.tenant_id, 'Offspring ' || g, f.species_id, 'FEMALE', f.id from animals f, generate_series(1, $2::int) g where f.id = $1`,
        [founder, count],
      );
    const DESCENDANTS = graphql(`query TwoGenerationsOfDescendants($id: ID!) { animal(id: $id) { descendants(generations: 2) { generation } } }`);
    await addOffspring(10_000);
    const data = await gqlData(DESCENDANTS, { id: founder }, owner.token);
    expect(data.animal!.descendants).toHaveLength(10_000);
    await addOffspring(1);
    const refused = await gql(DESCENDANTS, { id: founder }, owner.token);
    expect(refused.data?.animal ?? null).toBeNull();
    expect(refused.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'generations' });
    expect(refused.errors?.[0].message).toMatch(/more than 10000 descendants.*fewer generations/i);
  });
});

describe('limits on what one request lists', () => {
  /**
   * Four animals whose parents are all among them (written past the API): every position of every
   * generation is known. No two are each other's sire (another test file counts such loops).
   */
  async function fullLoop(owner: Member): Promise<string> {
    const [a, b, c, d] = [
      await animal(owner, 'Full loop A', { sex: 'MALE' }),
      await animal(owner, 'Full loop B', { sex: 'MALE' }),
      await animal(owner, 'Full loop C', { sex: 'FEMALE' }),
      await animal(owner, 'Full loop D', { sex: 'MALE' }),
    ];
    const parents = (id: string, sire: string, dam: string) => asAdmin('animal', 'update animals set sire_id = $2, dam_id = $3 where id = $1', [id, sire, dam]);
    await parents(a, b, c);
    await parents(b, d, c);
    await parents(d, a, c);
    await parents(c, b, d);
    return a;
  }

  it('refuses more than 100,000 pedigree nodes across all pedigrees of a request', async () => {
    const owner = await newOrganization('Node budget');
    const root = await fullLoop(owner);
    // 13 full generations are 16,382 positions each: six fit in the budget, the seventh does not.
    const query = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `p${i}: animal(id: "${root}") { pedigree(generations: 13) { nodes { position } } }`).join(' ')} }`;
    const six = await gql(query(6), {}, owner.token);
    expect(six.errors).toBeUndefined();
    // Aliases built at run time, which codegen cannot type.
    expect((six.data as Record<string, { pedigree: { nodes: unknown[] } }> | undefined)?.p5.pedigree.nodes).toHaveLength(16_382);
    const seven = await gql(query(7), {}, owner.token);
    // The gateway prices the request before any subgraph runs (2^14 - 2 = 16,382 positions each).
    expect(seven.errors?.map((e) => e.extensions)).toEqual([{ code: 'OPERATION_TOO_EXPENSIVE', cost: 114_674, limit: 100_000 }]);
    expect(seven.errors?.[0].message).toMatch(/114674 pedigree nodes.*ask for fewer animals or generations/);
  });

  it('answers completeness over 20 generations without listing (or capping) positions', async () => {
    const owner = await newOrganization('Deep completeness');
    const root = await fullLoop(owner);
    const only = await gql(
      graphql(`query DeepCompleteness($id: ID!) { animal(id: $id) { pedigree(generations: 20) { generations completeness } } }`),
      { id: root },
      owner.token,
    );
    expect(only.errors).toBeUndefined();
    expect(only.data?.animal?.pedigree.generations).toBe(20);
    expect(only.data?.animal?.pedigree.completeness).toBeCloseTo(1, 12);
    // Through a fragment, nodes count as selected: the position cap applies.
    const withNodes = await gql(
      `{ animal(id: "${root}") { pedigree(generations: 20) { completeness ...N } } } fragment N on Pedigree { nodes { position } }`,
      {},
      owner.token,
    );
    expect(withNodes.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'generations' });
  });
});
