import { describe, expect, it } from 'vitest';
import { graphql } from '../__generated__/index.js';
import type { AnimalSort, Visibility } from '../__generated__/graphql.js';
import { createAnimal, gql, gqlData, newOrganization, type Member } from '../support/gateway-client.js';

const PAGE = graphql(`
  query CollectionSortPage($first: Int!, $after: String, $sort: AnimalSort, $filter: AnimalFilter) {
    animals(first: $first, after: $after, sort: $sort, filter: $filter) {
      edges { cursor node { id name hatchDate visibility } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

type Row = { id: string; name: string; hatchDate?: string | null; visibility: Visibility };

/** Every page of a sort, two at a time, as the collection pages them. */
async function everyPage(member: Member, sort: AnimalSort, filter: { mine: boolean; visibility?: Visibility[] } = { mine: true }): Promise<Row[]> {
  const rows: Row[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 20; pages += 1) {
    const { animals }: { animals: { edges: { node: Row }[]; pageInfo: { hasNextPage: boolean; endCursor?: string | null } } } = await gqlData(
      PAGE,
      { first: 2, after, sort, filter },
      member.token,
    );
    rows.push(...animals.edges.map((edge) => edge.node));
    if (!animals.pageInfo.hasNextPage) return rows;
    after = animals.pageInfo.endCursor ?? null;
  }
  throw new Error('more pages than animals');
}

async function herd(keeper: Member) {
  // Created out of order, with a shared name (ties go by id) and unknown hatch dates (last).
  const specs = [
    { name: 'Elm', hatchDate: '2021-05-01', visibility: 'PUBLIC' as const },
    { name: 'Birch', hatchDate: null, visibility: 'PRIVATE' as const },
    { name: 'Alder', hatchDate: '2022-01-15', visibility: 'PRIVATE' as const },
    { name: 'Dogwood', hatchDate: '2020-03-01', visibility: 'PUBLIC' as const },
    { name: 'Birch', hatchDate: '2021-05-01', visibility: 'LINEAGE' as const },
    { name: 'Cedar', hatchDate: null, visibility: 'PRIVATE' as const },
    { name: 'Fir', hatchDate: '2019-07-07', visibility: 'PRIVATE' as const },
  ];
  const made = [];
  for (const spec of specs) made.push(await createAnimal(keeper, spec));
  return made;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describe('animals: server-side sort and visibility filter', () => {
  it('pages by name and by hatch date (unknown last), each animal once, ties by id', async () => {
    const keeper = await newOrganization('Sorting');
    const made = await herd(keeper);

    const byName = await everyPage(keeper, 'NAME');
    const expectedByName = [...made].sort((a, b) => a.name.localeCompare(b.name, 'en') || byId(a, b));
    expect(byName.map((row) => row.id)).toEqual(expectedByName.map((row) => row.id));

    const byHatch = await everyPage(keeper, 'HATCH_DATE');
    const dated = made.filter((a) => a.hatchDate).sort((a, b) => a.hatchDate!.localeCompare(b.hatchDate!) || byId(a, b));
    const undated = made.filter((a) => !a.hatchDate).sort(byId);
    expect(byHatch.map((row) => row.id)).toEqual([...dated, ...undated].map((row) => row.id));

    // The default stays newest first.
    const newest = await everyPage(keeper, 'NEWEST');
    expect(newest.map((row) => row.id)).toEqual([...made].reverse().map((row) => row.id));
  });

  it('filters by visibility, and another organisation finds only the public ones', async () => {
    const keeper = await newOrganization('Visible');
    const made = await herd(keeper);
    const shown = await everyPage(keeper, 'NAME', { mine: true, visibility: ['PUBLIC', 'LINEAGE'] });
    expect(shown.map((row) => `${row.name}:${row.visibility}`)).toEqual(['Birch:LINEAGE', 'Dogwood:PUBLIC', 'Elm:PUBLIC']);

    // Row level security, not the filter: asking for every visibility, a stranger sees the public ones only.
    const stranger = await newOrganization('Stranger');
    const ours = new Set(made.map((animal) => animal.id));
    for (const name of ['Birch', 'Dogwood', 'Elm']) {
      const { animals } = await gqlData(PAGE, { first: 500, sort: 'NAME', filter: { nameContains: name, visibility: ['PRIVATE', 'LINEAGE', 'PUBLIC'] } }, stranger.token);
      const seen = animals.edges.map((edge) => edge.node).filter((row) => ours.has(row.id));
      expect(seen.map((row) => row.visibility)).toEqual(name === 'Birch' ? [] : ['PUBLIC']);
    }
  });

  it('refuses a cursor of another sort, or none of ours, at `after`', async () => {
    const keeper = await newOrganization('Cursors');
    await herd(keeper);
    const { animals } = await gqlData(PAGE, { first: 2, sort: 'NAME', filter: { mine: true } }, keeper.token);
    const nameCursor = animals.pageInfo.endCursor!;

    const mixed = await gql(PAGE, { first: 2, after: nameCursor, sort: 'HATCH_DATE', filter: { mine: true } }, keeper.token);
    expect(mixed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(mixed.errors?.[0]?.message).toMatch(/another sort order/);
    expect(mixed.errors?.[0]?.extensions?.stacktrace).toBeUndefined();

    const forged = await gql(PAGE, { first: 2, after: Buffer.from('["name", 1, "x"]').toString('base64url'), sort: 'NAME' }, keeper.token);
    expect(forged.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(forged.errors?.[0]?.message).toBe('Invalid cursor');
  });
});
