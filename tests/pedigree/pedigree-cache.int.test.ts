import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { dataAt } from '../support/operations.js';
import { newOrganization, type Member } from '../support/gateway-client.js';
import { startExtraInstance, type ExtraInstance } from './extra-instance.js';
import { animal, PEDIGREE, SET_PARENTS, year } from './lineage-fixtures.js';

type Positions = Record<string, string | null>;

async function pedigreeVia(gatewayUrl: string, member: Member, id: string, generations = 3): Promise<Positions> {
  const data = await dataAt(gatewayUrl, PEDIGREE, { id, generations }, member.token);
  return Object.fromEntries(data.animal!.pedigree.nodes.map((n) => [n.position, n.animal?.id ?? null]));
}

async function setParentsVia(gatewayUrl: string, member: Member, animalId: string, sireId: string | null, damId: string | null) {
  return dataAt(gatewayUrl, SET_PARENTS, { animalId, sireId, damId }, member.token);
}

const redisUrl = inject('redisUrl');

describe.skipIf(!redisUrl)('two animal-subgraph instances sharing Redis', () => {
  let a: string;
  let b: ExtraInstance;
  let breeder: Member;

  beforeAll(async () => {
    a = inject('gatewayUrl');
    b = await startExtraInstance(redisUrl);
    breeder = await newOrganization('Replicas');
  });

  afterAll(async () => {
    await b?.stop();
  });

  it('serves a cached tree without reading the lineage again', async () => {
    const sire = await animal(breeder, 'Cached sire', { sex: 'MALE', hatchDate: year(1) });
    const foal = await animal(breeder, 'Cached foal', { sex: 'MALE', hatchDate: year(3), sireId: sire });
    const cold = b.statements();
    await pedigreeVia(b.gatewayUrl, breeder, foal);
    const coldCost = b.statements() - cold;
    const warm = b.statements();
    expect(await pedigreeVia(b.gatewayUrl, breeder, foal)).toMatchObject({ S: sire });
    const warmCost = b.statements() - warm;
    // The warm request skips the lineage walk's round trip (the walk, with the tenant set ahead of it).
    expect(coldCost - warmCost).toBe(1);
  });

  it('never serves a stale pedigree on one instance after a lineage change on the other', async () => {
    const sires = [];
    for (let i = 0; i < 4; i++) sires.push(await animal(breeder, `Sire ${i}`, { sex: 'MALE', hatchDate: year(1) }));
    const grandsire = await animal(breeder, 'Grandsire', { sex: 'MALE', hatchDate: year(0) });
    const dam = await animal(breeder, 'Dam', { sex: 'FEMALE', hatchDate: year(1) });
    const foal = await animal(breeder, 'Foal', { sex: 'FEMALE', hatchDate: year(4), sireId: sires[0], damId: dam });
    const instances = [a, b.gatewayUrl];
    for (let round = 1; round <= 8; round++) {
      // Both instances hold the tree (in their LRU and in Redis) before every change.
      for (const url of instances) await pedigreeVia(url, breeder, foal);
      const writer = instances[round % 2];
      const reader = instances[(round + 1) % 2];
      const sire = sires[round % sires.length];
      await setParentsVia(writer, breeder, foal, sire, dam);
      expect(await pedigreeVia(reader, breeder, foal), `round ${round}: read on the other instance`).toMatchObject({ S: sire, D: dam });
      expect(await pedigreeVia(writer, breeder, foal), `round ${round}: read on the writer`).toMatchObject({ S: sire, D: dam });
    }
    // A change two generations up evicts the grandchild's tree as well, on both instances.
    const current = (await pedigreeVia(a, breeder, foal)).S!;
    for (const url of instances) expect((await pedigreeVia(url, breeder, foal)).SS).toBeNull();
    await setParentsVia(a, breeder, current, grandsire, null);
    for (const url of instances) expect((await pedigreeVia(url, breeder, foal)).SS, url).toBe(grandsire);
  });

  it('evicts exactly the trees that contain the changed animal', async () => {
    const sire = await animal(breeder, 'Shared sire', { sex: 'MALE', hatchDate: year(1) });
    const other = await animal(breeder, 'Other sire', { sex: 'MALE', hatchDate: year(1) });
    const related = await animal(breeder, 'Related', { sex: 'MALE', hatchDate: year(3), sireId: sire });
    const unrelated = await animal(breeder, 'Unrelated', { sex: 'MALE', hatchDate: year(3), sireId: other });
    await pedigreeVia(b.gatewayUrl, breeder, related);
    await pedigreeVia(b.gatewayUrl, breeder, unrelated);
    const grandsire = await animal(breeder, 'New grandsire', { sex: 'MALE', hatchDate: year(0) });
    await setParentsVia(a, breeder, sire, grandsire, null);
    const cost = async (id: string) => {
      const before = b.statements();
      await pedigreeVia(b.gatewayUrl, breeder, id);
      return b.statements() - before;
    };
    const relatedCost = await cost(related); // evicted: walks the lineage again
    const unrelatedCost = await cost(unrelated); // still cached
    // One lineage walk's round trip: the walk, with the tenant set ahead of it.
    expect(relatedCost - unrelatedCost).toBe(1);
  });
});

describe('an animal subgraph whose Redis is down', () => {
  let dead: ExtraInstance;
  let breeder: Member;

  beforeAll(async () => {
    dead = await startExtraInstance('redis://127.0.0.1:1');
    breeder = await newOrganization('No Redis');
  });

  afterAll(async () => {
    await dead?.stop();
  });

  it('answers pedigrees and lineage changes from PostgreSQL, without waiting on Redis', async () => {
    const sire = await animal(breeder, 'Sire', { sex: 'MALE', hatchDate: year(1) });
    const other = await animal(breeder, 'Other', { sex: 'MALE', hatchDate: year(1) });
    const foal = await animal(breeder, 'Foal', { sex: 'MALE', hatchDate: year(3), sireId: sire });
    const started = performance.now();
    expect(await pedigreeVia(dead.gatewayUrl, breeder, foal)).toMatchObject({ S: sire });
    await setParentsVia(dead.gatewayUrl, breeder, foal, other, null);
    expect(await pedigreeVia(dead.gatewayUrl, breeder, foal)).toMatchObject({ S: other });
    // Not a speed test: a client waiting on an unreachable Redis would take seconds or hang.
    expect(performance.now() - started).toBeLessThan(5000);
    // Every request reads the lineage from PostgreSQL: nothing is cached in-process while evictions could be missed.
    const before = dead.statements();
    await pedigreeVia(dead.gatewayUrl, breeder, foal);
    const first = dead.statements() - before;
    const again = dead.statements();
    await pedigreeVia(dead.gatewayUrl, breeder, foal);
    expect(dead.statements() - again).toBe(first);
  });
});
