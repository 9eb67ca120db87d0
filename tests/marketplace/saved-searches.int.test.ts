import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAnimal, gql, gqlData, newOrganization, type Member } from '../support/gateway-client.js';
import { asAdmin, connectAsAdmin, tenantFootprint } from '../support/postgres.js';
import { connect, subscribe } from '../realtime/ws-client.js';
import { graphql } from '../__generated__/index.js';
import type { ListingFilter } from '../__generated__/graphql.js';

const SAVE = graphql(`
  mutation SavedSearchesSave($input: SaveSearchInput!) { saveSearch(input: $input) { id name query filter { species showsGenes seller maxPrice } } }
`);
const LIST = graphql(`query SavedSearchesList { savedSearches(first: 10) { edges { node { id name matches { listing { id } } } } } }`);
const DELETE = graphql(`mutation SavedSearchesDelete($id: ID!) { deleteSavedSearch(id: $id) }`);
const MATCHES = graphql(`
  subscription SavedSearchesMatches($savedSearchId: ID!, $after: String) {
    savedSearchMatches(savedSearchId: $savedSearchId, after: $after) { id cursor savedSearch { name } listing { id title animal { name owner { name } } } }
  }
`);
const CREATE = graphql(`mutation SavedSearchesCreateListing($input: CreateListingInput!) { createListing(input: $input) { id } }`);
const PUBLISH = graphql(`mutation SavedSearchesPublish($id: ID!) { publishListing(id: $id) { id } }`);
const UPDATE = graphql(`mutation SavedSearchesUpdate($id: ID!, $input: UpdateListingInput!) { updateListing(id: $id, input: $input) { id } }`);
const SET_GENOTYPE = graphql(`mutation SavedSearchesSetGenotype($id: ID!, $genotype: String!) { setGenotype(animalId: $id, genotype: $genotype) { id } }`);

let saver: Member;
let seller: Member;
let stranger: Member;

const sockets: { dispose(): void }[] = [];
const open = (token: string) => {
  const socket = connect(inject('gatewayUrl'), token);
  sockets.push(socket);
  return socket;
};
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.dispose();
});

/** A public ball python of the seller with this genotype, listed under this title; the listing's id. */
async function listed(title: string, genotype: string, status: 'ACTIVE' | 'DRAFT' = 'ACTIVE') {
  const animal = await createAnimal(seller, { name: title, sex: 'MALE', visibility: 'PUBLIC' });
  await gqlData(SET_GENOTYPE, { id: animal.id, genotype }, seller.token);
  return (await gqlData(CREATE, { input: { animalId: animal.id, price: 500, currency: 'EUR', title, status } }, seller.token)).createListing.id;
}

const save = async (member: Member, filter: ListingFilter, name = 'Mojaves') =>
  (await gqlData(SAVE, { input: { name, filter: { seller: seller.organizationId, ...filter } } }, member.token)).saveSearch;

/** Resolves once `probe` is true, asking again every 100 ms (no fixed wait). */
async function until(probe: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await probe()); ) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const searchRowOf = async (listingId: string) =>
  (await asAdmin<{ revision: number; searchable: boolean }>('commerce', 'select revision, searchable from listing_search where id = $1', [listingId]))[0];

const count = async (sql: string, values: unknown[]) => Number((await asAdmin<{ n: string }>('commerce', sql, values))[0].n);
const publishedEventsOf = (listingId: string) => count('select count(*) filter (where published_at is not null) as n from outbox where aggregate_id = $1', [listingId]);
/** Drops every connection waiting on a lock the backend `pid` holds, as a database failover drops them; how many. */
const dropBlockedBy = (pid: number) => count('select count(pg_terminate_backend(pid)) as n from pg_stat_activity where $1 = any(pg_blocking_pids(pid))', [pid]);

/**
 * Runs `write` (a write to the listing) while every projection of its search row fails: the row is
 * locked, and each projector's connection blocked on it is dropped, until the write's event has been
 * published and its live projection has come and failed. Then the listing is left to the catch-up
 * pass, as after any missed event.
 */
async function withLiveProjectionFailing(listingId: string, write: () => Promise<unknown>): Promise<void> {
  const holder = await connectAsAdmin('commerce');
  try {
    await holder.query('begin');
    await holder.query('select 1 from listing_search where id = $1 for update', [listingId]);
    const [{ pid }] = (await holder.query<{ pid: number }>('select pg_backend_pid() as pid')).rows;
    const published = await publishedEventsOf(listingId);
    await write();
    await until(async () => (await publishedEventsOf(listingId)) > published, "the write's event to be published");
    let dropped = 0;
    await until(async () => (dropped += await dropBlockedBy(pid)) > 0, 'its live projection to block on the row');
    // Stragglers (a catch-up pass, another instance) are dropped too while the event is fresh.
    for (let i = 0; i < 10; i++, await new Promise((resolve) => setTimeout(resolve, 100))) await dropBlockedBy(pid);
  } finally {
    await holder.query('rollback').catch(() => undefined);
    await holder.end();
  }
}

beforeAll(async () => {
  [saver, seller, stranger] = await Promise.all([newOrganization('Saver'), newOrganization('Saved seller'), newOrganization('Saved stranger')]);
});

describe('savedSearchMatches', () => {
  it('delivers each new matching listing once, as it goes on the market, read through the federation', async () => {
    const search = await save(saver, { species: ['Ball python'], showsGenes: ['mojave'] });
    expect(search).toMatchObject({
      name: 'Mojaves',
      query: null,
      filter: { species: ['Ball python'], showsGenes: ['mojave'], seller: seller.organizationId, maxPrice: null },
    });
    const live = subscribe(open(saver.token).client, MATCHES, { savedSearchId: search.id });

    const first = await listed('Mojave one', 'Mojave');
    await listed('Pastel only', 'Pastel');
    const draft = await listed('Mojave draft', 'Mojave', 'DRAFT');
    await gqlData(UPDATE, { id: first, input: { price: 450 } }, seller.token); // no new match: it matched already
    await gqlData(PUBLISH, { id: draft }, seller.token);
    const last = await listed('Mojave last', 'Mojave Pastel');
    const results = await live.waitFor(3);

    expect(results.map((r) => r.errors)).toEqual([undefined, undefined, undefined]);
    expect(results.map((r) => r.data!.savedSearchMatches.listing?.id)).toEqual([first, draft, last]);
    expect(results[0].data!.savedSearchMatches).toMatchObject({
      savedSearch: { name: 'Mojaves' },
      listing: { title: 'Mojave one', animal: { name: 'Mojave one', owner: { name: 'Saved seller Org' } } },
    });
    const { savedSearches } = await gqlData(LIST, {}, saver.token);
    expect(savedSearches.edges[0].node.matches.map((m) => m.listing?.id)).toEqual([first, draft, last]);
  });

  it('resumes with after: only the matches missed while away, then live ones', async () => {
    const search = await save(saver, { showsGenes: ['Clown'] }, 'Clowns');
    const before = subscribe(open(saver.token).client, MATCHES, { savedSearchId: search.id });
    await listed('Clown seen', 'Clown');
    const [seen] = await before.waitFor(1);
    before.stop();

    const missed = [await listed('Clown missed 1', 'Clown'), await listed('Clown missed 2', 'Pastel Clown')];
    // The missed ones are recorded before resuming, so they can only arrive replayed.
    await expect.poll(async () => (await gqlData(LIST, {}, saver.token)).savedSearches.edges.find((e) => e.node.id === search.id)?.node.matches.length).toBe(3);
    const resumed = subscribe(open(saver.token).client, MATCHES, { savedSearchId: search.id, after: seen.data!.savedSearchMatches.cursor });
    const liveOne = await listed('Clown live', 'Clown');
    const results = await resumed.waitFor(3);

    expect(results.map((r) => r.data!.savedSearchMatches.listing?.id)).toEqual([...missed, liveOne]);
  });

  it('delivers a listing whose live projection was lost once the catch-up pass projects it, and a listing projected twice once', async () => {
    const search = await save(saver, { showsGenes: ['Spider'] }, 'Spiders');
    const live = subscribe(open(saver.token).client, MATCHES, { savedSearchId: search.id });
    const seen = await listed('Spider seen', 'Spider');
    const [first] = await live.waitFor(1);
    expect(first.data!.savedSearchMatches.listing?.id).toBe(seen);

    // Its search row lost (as an emptied projection loses it): the catch-up pass projects it again, already matched.
    await asAdmin('commerce', 'delete from listing_search where id = $1', [seen]);
    const draft = await listed('Spider missed', 'Spider', 'DRAFT');
    await until(async () => (await searchRowOf(draft)) !== undefined, "the draft's search row");
    await withLiveProjectionFailing(draft, () => gqlData(PUBLISH, { id: draft }, seller.token));
    const results = await live.waitFor(2);
    expect(results.map((r) => r.data!.savedSearchMatches.listing?.id)).toEqual([seen, draft]);
    await until(async () => (await searchRowOf(seen))?.searchable === true, 'the lost row to be projected again');

    const resumed = subscribe(open(saver.token).client, MATCHES, { savedSearchId: search.id, after: first.data!.savedSearchMatches.cursor });
    const liveOne = await listed('Spider live', 'Spider');
    expect((await resumed.waitFor(2)).map((r) => r.data!.savedSearchMatches.listing?.id)).toEqual([draft, liveOne]);
    await live.waitFor(3);
    expect(live.results.map((r) => r.data!.savedSearchMatches.listing?.id)).toEqual([seen, draft, liveOne]);
    const { savedSearches } = await gqlData(LIST, {}, saver.token);
    expect(savedSearches.edges.find((e) => e.node.id === search.id)?.node.matches.map((m) => m.listing?.id)).toEqual([seen, draft, liveOne]);
  });

  it("is its organisation's only: another organisation cannot follow it, and sees none of its matches", async () => {
    const search = await save(saver, { showsGenes: ['Piebald'] }, 'Pieds');
    const theirs = await save(stranger, { showsGenes: ['Piebald'] }, 'Their pieds');
    const intruder = subscribe(open(stranger.token).client, MATCHES, { savedSearchId: search.id });
    const refused = await intruder.ended();
    expect((refused.error as { extensions: { code: string } }[]).map((e) => e.extensions.code)).toEqual(['NOT_FOUND']);

    const own = subscribe(open(stranger.token).client, MATCHES, { savedSearchId: theirs.id });
    const pied = await listed('Pied for both', 'Piebald');
    const [match] = await own.waitFor(1);
    expect(match.data!.savedSearchMatches.listing?.id).toBe(pied);
    expect(intruder.results).toEqual([]);
    const read = await gql(`query { savedSearch(id: "${search.id}") { id } }`, {}, stranger.token);
    expect(read.data).toEqual({ savedSearch: null });
  });

  it('refuses what searchListings refuses, naming the field, and writes nothing', async () => {
    const member = await newOrganization('Bad saver');
    const unknownGene = await gql(SAVE, { input: { name: 'Bad', filter: { showsGenes: ['Mojave', 'Purple Haze'] } } }, member.token);
    expect(unknownGene.errors?.[0]).toMatchObject({ message: 'Unknown gene: Purple Haze', extensions: { code: 'BAD_USER_INPUT', field: 'filter.showsGenes' } });
    const noName = await gql(SAVE, { input: { name: '   ', query: 'clown' } }, member.token);
    expect(noName.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    const longQuery = await gql(SAVE, { input: { name: 'Long', query: 'x'.repeat(501) } }, member.token);
    expect(longQuery.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'query' });
    const footprint = await tenantFootprint('commerce', member.organizationId);
    expect(Object.entries(footprint).filter(([, rows]) => rows > 0)).toEqual([]);
  });

  it('deletes a saved search for its organisation only', async () => {
    const search = await save(saver, { showsGenes: ['Hypo'] }, 'To delete');
    const byStranger = await gql(DELETE, { id: search.id }, stranger.token);
    expect(byStranger.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    expect((await gqlData(DELETE, { id: search.id }, saver.token)).deleteSavedSearch).toBe(search.id);
    const { savedSearches } = await gqlData(LIST, {}, saver.token);
    expect(savedSearches.edges.map((e) => e.node.id)).not.toContain(search.id);
  });
});
