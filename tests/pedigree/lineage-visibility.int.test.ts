import { beforeAll, describe, expect, it } from 'vitest';
import { gql, gqlData, newOrganization, type Member } from '../support/gateway-client.js';
import { animal, pedigreeOf, positions, year } from './lineage-fixtures.js';
import { graphql } from '../__generated__/index.js';

/**
 * LINEAGE ("lineage only") across two organisations. Bea keeps a stud line lineage-only; Ann breeds
 * two of Bea's public animals, half-siblings by that stud, together.
 *
 *   Public great-grandsire (Bea, PUBLIC) ─► Lineage stud (Bea, LINEAGE) ─┬─► Public sire (Bea) ─┐
 *   Lineage granddam (Bea, LINEAGE) ─► Private dam (Bea, PRIVATE) ───────┘                     ├─► Foal (Ann)
 *                                      Lineage stud ─► Public dam (Bea, PUBLIC) ──────────────┘
 *
 * The stud is named to Ann wherever it stands in a lineage she can see (as a parent, a pedigree
 * node, a common ancestor), with nothing but its name, sex, species and own visible parents. The
 * lineage-only granddam stands behind a private animal, so it is never named to Ann at all.
 */
const NAMED_PARENT = graphql(`
  query LineageVisibilityParent($id: ID!) {
    animal(id: $id) {
      sire {
        id name sex visibility species { commonName } owner { id } hatchDate externalId status maturity description deceasedAt
        createdAt updatedAt inbreedingCoefficient genotype { notation } offspring { id } descendants { animal { id } }
        measurements { id } pedigree(generations: 2) { completeness nodes { position } }
        sire { id name owner { id } }
        dam { id }
      }
      dam { id }
    }
  }
`);

const COMMON_ANCESTORS = graphql(`
  query LineageVisibilityCommonAncestors($sireId: ID!, $damId: ID!) {
    pairingPreview(sireId: $sireId, damId: $damId) { coefficientOfInbreeding commonAncestors { contribution animal { id name owner { id } genotype { notation } } } }
  }
`);

const ANIMAL = graphql(`query LineageVisibilityAnimal($id: ID!) { animal(id: $id) { id name visibility owner { id } genotype { notation } } }`);
const SEARCH = graphql(`query LineageVisibilitySearch($name: String!) { animals(first: 100, filter: { nameContains: $name }) { edges { node { id name } } } }`);
const KINSHIP = graphql(`query LineageVisibilityKinship($a: ID!, $b: ID!) { kinship(a: $a, b: $b) }`);
const SET_GENOTYPE = graphql(`mutation LineageVisibilitySetGenotype($id: ID!) { setGenotype(animalId: $id, genotype: "Pastel Het Clown") { id } }`);
const RENAME = graphql(`mutation LineageVisibilityRename($id: ID!) { updateAnimal(id: $id, input: { name: "Taken" }) { id } }`);
const SET_VISIBILITY = graphql(
  `mutation LineageVisibilitySet($id: ID!, $visibility: Visibility!) { updateAnimal(id: $id, input: { visibility: $visibility }) { id visibility } }`,
);

describe('LINEAGE visibility across two organisations', () => {
  let ann: Member;
  let bea: Member;
  const id: Record<string, string> = {};
  const marker = `Lin${Date.now()}`;

  beforeAll(async () => {
    [ann, bea] = await Promise.all([newOrganization('Ann'), newOrganization('Bea')]);
    id.greatGrandsire = await animal(bea, `${marker} Public great-grandsire`, { sex: 'MALE', hatchDate: year(0), visibility: 'PUBLIC' });
    id.stud = await animal(bea, `${marker} Lineage stud`, { sex: 'MALE', hatchDate: year(2), sireId: id.greatGrandsire, visibility: 'LINEAGE' });
    id.granddam = await animal(bea, `${marker} Lineage granddam`, { sex: 'FEMALE', hatchDate: year(0), visibility: 'LINEAGE' });
    id.privateDam = await animal(bea, `${marker} Private dam`, { sex: 'FEMALE', hatchDate: year(2), damId: id.granddam });
    id.sire = await animal(bea, `${marker} Public sire`, { sex: 'MALE', hatchDate: year(4), sireId: id.stud, damId: id.privateDam, visibility: 'PUBLIC' });
    id.dam = await animal(bea, `${marker} Public dam`, { sex: 'FEMALE', hatchDate: year(4), sireId: id.stud, visibility: 'PUBLIC' });
    id.foal = await animal(ann, `${marker} Foal`, { sex: 'FEMALE', hatchDate: year(6), sireId: id.sire, damId: id.dam });
    await gqlData(SET_GENOTYPE, { id: id.stud }, bea.token);
  });

  it('names a lineage-only parent with its name, sex, species and visible parents, and nothing else', async () => {
    const { animal: child } = await gqlData(NAMED_PARENT, { id: id.sire }, ann.token);
    expect(child!.sire).toEqual({
      id: id.stud,
      name: `${marker} Lineage stud`,
      sex: 'MALE',
      visibility: 'LINEAGE',
      species: { commonName: 'Ball python' },
      owner: null,
      hatchDate: null,
      externalId: null,
      status: null,
      maturity: null,
      description: null,
      deceasedAt: null,
      createdAt: null,
      updatedAt: null,
      inbreedingCoefficient: null,
      genotype: null,
      offspring: [],
      descendants: [],
      measurements: [],
      pedigree: { completeness: 0, nodes: [] },
      // Its own public sire is shown in full; its owner sees the rest.
      sire: { id: id.greatGrandsire, name: `${marker} Public great-grandsire`, owner: { id: bea.organizationId } },
      dam: null,
    });
    // The private dam stays unnamed beside it.
    expect(child!.dam).toBeNull();
  });

  it('shows the owner everything about it', async () => {
    const { animal: child } = await gqlData(NAMED_PARENT, { id: id.sire }, bea.token);
    expect(child!.sire).toMatchObject({ owner: { id: bea.organizationId }, hatchDate: year(2), status: 'ACTIVE', genotype: { notation: 'Pastel Het Clown' } });
    expect(child!.sire!.createdAt).toEqual(expect.any(String));
    expect(child!.sire!.offspring.map((o) => o.id).sort()).toEqual([id.sire, id.dam].sort());
  });

  it("names it in another organisation's pedigree, but nothing reached only through a private animal", async () => {
    const pedigree = await pedigreeOf(ann, id.foal, 3);
    expect(positions(pedigree)).toEqual({
      S: id.sire,
      D: id.dam,
      SS: id.stud,
      SD: null, // Bea's private dam: counted, never named, and nothing behind it is listed
      DS: id.stud,
      DD: null,
      SSS: id.greatGrandsire,
      SSD: null,
      DSS: id.greatGrandsire,
      DSD: null,
    });
    expect(pedigree.nodes.find((node) => node.position === 'SS')!.animal!.name).toBe(`${marker} Lineage stud`);
    // The owner's own pedigree names her private dam and the lineage-only granddam behind it.
    const own = positions(await pedigreeOf(bea, id.sire, 2));
    expect(own).toMatchObject({ S: id.stud, D: id.privateDam, DD: id.granddam });
  });

  it('names it as a common ancestor of a pairing, with no genotype', async () => {
    const { pairingPreview } = await gqlData(COMMON_ANCESTORS, { sireId: id.sire, damId: id.dam }, ann.token);
    expect(pairingPreview.coefficientOfInbreeding).toBeCloseTo(0.125, 10);
    expect(pairingPreview.commonAncestors).toEqual([{ contribution: 0.125, animal: { id: id.stud, name: `${marker} Lineage stud`, owner: null, genotype: null } }]);
  });

  it('is absent everywhere else: by id, in lists and searches, in kinship, and it cannot be changed', async () => {
    expect((await gqlData(ANIMAL, { id: id.stud }, ann.token)).animal).toBeNull();
    const found = (await gqlData(SEARCH, { name: marker }, ann.token)).animals.edges.map((edge) => edge.node.name);
    expect(found.sort()).toEqual([`${marker} Foal`, `${marker} Public dam`, `${marker} Public great-grandsire`, `${marker} Public sire`].sort());
    const kinship = await gql(KINSHIP, { a: id.stud, b: id.sire }, ann.token);
    expect(kinship.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const rename = await gql(RENAME, { id: id.stud }, ann.token);
    expect(rename.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    // Its owner lists and finds it as always.
    expect((await gqlData(SEARCH, { name: `${marker} Lineage` }, bea.token)).animals.edges.map((edge) => edge.node.id).sort()).toEqual([id.stud, id.granddam].sort());
  });

  it('PRIVATE and PUBLIC keep their meaning: made private it is no longer named, made public it is shown in full', async () => {
    await gqlData(SET_VISIBILITY, { id: id.stud, visibility: 'PRIVATE' }, bea.token);
    expect(positions(await pedigreeOf(ann, id.foal, 2))).toMatchObject({ SS: null, DS: null });
    expect((await gqlData(COMMON_ANCESTORS, { sireId: id.sire, damId: id.dam }, ann.token)).pairingPreview.commonAncestors[0].animal).toBeNull();

    await gqlData(SET_VISIBILITY, { id: id.stud, visibility: 'PUBLIC' }, bea.token);
    const shown = await gqlData(ANIMAL, { id: id.stud }, ann.token);
    expect(shown.animal).toEqual({
      id: id.stud,
      name: `${marker} Lineage stud`,
      visibility: 'PUBLIC',
      owner: { id: bea.organizationId },
      genotype: { notation: 'Pastel Het Clown' },
    });
    await gqlData(SET_VISIBILITY, { id: id.stud, visibility: 'LINEAGE' }, bea.token);
  });
});
