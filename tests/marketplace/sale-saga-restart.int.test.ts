import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dataAt, requestAt } from '../support/operations.js';
import { startProcessPlatform, type ProcessPlatform } from '../support/process-platform.js';
import { graphql } from '../__generated__/index.js';
import { emitSaleCompleted, eventually, type Sale } from './sale-events.js';

const SIGN_UP = graphql(`mutation SagaRestartSignUp($input: SignUpInput!) { signUp(input: $input) { token user { organization { id } } } }`);
const CREATE_ANIMAL = graphql(`mutation SagaRestartCreateAnimal($input: CreateAnimalInput!) { createAnimal(input: $input) { id } }`);
const LIST = graphql(`mutation SagaRestartList($input: CreateListingInput!) { createListing(input: $input) { id } }`);
const RESERVE = graphql(`mutation SagaRestartReserve($listingId: ID!) { reserveListing(listingId: $listingId) { id } }`);
const ACCEPT = graphql(`mutation SagaRestartAccept($id: ID!) { acceptReservation(id: $id) { id } }`);
const COMPLETE = graphql(`mutation SagaRestartComplete($saleId: ID!) { completeSale(saleId: $saleId) { state completedAt } }`);
const UPDATE = graphql(`mutation SagaRestartUpdate($id: ID!, $input: UpdateListingInput!) { updateListing(id: $id, input: $input) { price } }`);
const LISTING = graphql(`query SagaRestartListing($id: ID!) { listing(id: $id) { price } }`);
const SALE = graphql(`query SagaRestartSale($id: ID!) { sale(id: $id) { state history { state } } }`);
const ANIMAL = graphql(`query SagaRestartAnimal($id: ID!) { animal(id: $id) { owner { id } ownershipHistory { organization { id } saleId } } }`);

interface Member {
  token: string;
  organizationId: string;
}

let platform: ProcessPlatform;
let seller: Member;
let buyer: Member;

const gateway = () => platform.gatewayUrl;

async function signUp(label: string): Promise<Member> {
  const { signUp } = await dataAt(gateway(), SIGN_UP, {
    input: {
      email: `${label.toLowerCase().replace(/\W+/g, '-')}-${randomUUID()}@example.test`,
      password: 'correct horse battery',
      name: `${label} Keeper`,
      organizationName: `${label} Farm`,
    },
  });
  return { token: signUp.token, organizationId: signUp.user.organization.id };
}

/** A public animal of the seller, listed, reserved by the buyer and accepted: ready for completeSale. */
async function acceptedSale(name: string): Promise<{ saleId: string; animalId: string; listingId: string }> {
  const { createAnimal } = await dataAt(gateway(), CREATE_ANIMAL, { input: { name, species: 'Ball python', sex: 'MALE', visibility: 'PUBLIC' } }, seller.token);
  const { createListing } = await dataAt(gateway(), LIST, { input: { animalId: createAnimal.id, price: 700, currency: 'EUR' } }, seller.token);
  const { reserveListing } = await dataAt(gateway(), RESERVE, { listingId: createListing.id }, buyer.token);
  await dataAt(gateway(), ACCEPT, { id: reserveListing.id }, seller.token);
  return { saleId: reserveListing.id, animalId: createAnimal.id, listingId: createListing.id };
}

async function admin(service: 'animal' | 'commerce'): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: platform.adminUrlOf(service) });
  await client.connect();
  return client;
}

async function rows<T extends pg.QueryResultRow>(service: 'animal' | 'commerce', text: string, values: unknown[]): Promise<T[]> {
  const client = await admin(service);
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/**
 * A lock held by a transaction of the test's own, which the saga's next step must wait for: so a
 * service can be killed exactly while it is in that step, its transaction open and not committed.
 */
async function holdLock(service: 'animal' | 'commerce', lockSql: string, values: unknown[]) {
  const client = await admin(service);
  await client.query('begin');
  await client.query(lockSql, values);
  const [{ pid }] = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows;
  const waiting = async () =>
    (await rows<{ pid: number }>(service, 'select pid from pg_stat_activity where $1 = any(pg_blocking_pids(pid))', [pid])).map((row) => row.pid);
  return {
    /** The backends (of the step's service) waiting on the lock, once there is one. */
    awaitWaiter: () => eventually(waiting, (pids) => pids.length > 0, `a ${service} step to wait on the lock`),
    /** Releases the lock, then waits until these backends are gone: a killed client's transaction never commits. */
    async release(waiters: number[]) {
      await client.query('rollback');
      await client.end();
      await eventually(
        async () => (await rows(service, 'select pid from pg_stat_activity where pid = any($1::int[])', [waiters])).length,
        (left) => left === 0,
        "the killed service's transaction to end",
      );
    },
  };
}

/** Resolves once the consumer group has read and acknowledged every entry of the event's stream. */
async function drained(eventType: string, group: string): Promise<void> {
  const redis = new Redis(inject('redisUrl')!);
  try {
    await eventually(
      async () => {
        const groups = (await redis.xinfo('GROUPS', `${platform.namespace}:stream:${eventType}`)) as (string | number)[][];
        const info = groups.map((fields) => Object.fromEntries(fields.flatMap((value, i) => (i % 2 ? [] : [[value, fields[i + 1]]]))));
        return info.find((fields) => fields.name === group);
      },
      (info) => info?.pending === 0 && info?.lag === 0,
      `${group} to acknowledge every ${eventType}`,
    );
  } finally {
    redis.disconnect();
  }
}

const holdTransferOf = (saleId: string) => holdLock('animal', `select pg_advisory_xact_lock(hashtextextended('studbook_animal_transfer:' || $1::text, 0))`, [saleId]);

/** Completes the accepted sale as the seller; the sale.completed payload commerce wrote. */
async function completeSale(sale: { saleId: string; animalId: string; listingId: string }): Promise<Sale> {
  const { completeSale } = await dataAt(gateway(), COMPLETE, { saleId: sale.saleId }, seller.token);
  expect(completeSale.state).toBe('TRANSFER_PENDING');
  return {
    ...sale,
    sellerOrganizationId: seller.organizationId,
    buyerOrganizationId: buyer.organizationId,
    completedAt: new Date(completeSale.completedAt!).toISOString(),
  };
}

/** What both organisations and the databases show once the saga ended: the animal moved once, the sale COMPLETED once. */
async function expectSoldOnce(sale: { saleId: string; animalId: string }): Promise<void> {
  const state = await eventually(
    async () => (await dataAt(gateway(), SALE, { id: sale.saleId }, seller.token)).sale?.state,
    (now) => now !== 'TRANSFER_PENDING',
    'the sale to end',
  );
  expect(state).toBe('COMPLETED');
  for (const member of [seller, buyer]) {
    expect((await dataAt(gateway(), SALE, { id: sale.saleId }, member.token)).sale!.history.map((change) => change.state)).toEqual([
      'RESERVED',
      'ACCEPTED',
      'TRANSFER_PENDING',
      'COMPLETED',
    ]);
  }
  const { animal } = await dataAt(gateway(), ANIMAL, { id: sale.animalId }, buyer.token);
  expect(animal).toEqual({
    owner: { id: buyer.organizationId },
    ownershipHistory: [
      { organization: { id: seller.organizationId }, saleId: null },
      { organization: { id: buyer.organizationId }, saleId: sale.saleId },
    ],
  });
  expect(await rows('animal', 'select outcome from animal_transfers where sale_id = $1', [sale.saleId])).toEqual([{ outcome: 'TRANSFERRED' }]);
  const events = await rows<{ event_type: string }>('animal', 'select event_type from outbox where aggregate_id = $1', [sale.animalId]);
  expect(events.filter((event) => event.event_type === 'animal.transferred')).toHaveLength(1);
}

describe.runIf(inject('redisUrl'))('the marketplace across a service killed or hanging mid-way, each service its own process', () => {
  beforeAll(async () => {
    platform = await startProcessPlatform(`${process.env.STUDBOOK_TEST_DB_PREFIX ?? 'studbook_test'}_restart`);
    [seller, buyer] = await Promise.all([signUp('Restart seller'), signUp('Restart buyer')]);
  }, 300_000);

  afterAll(async () => {
    await platform?.stop();
  }, 60_000);

  it('moves the animal once when the animal subgraph is killed while applying the sale, then the sale delivered twice', async () => {
    const sale = await acceptedSale('Restart Pastel');
    const transfer = await holdTransferOf(sale.saleId);
    const completed = await completeSale(sale);
    // The animal subgraph read sale.completed and is inside the transfer's transaction: killed there.
    const waiters = await transfer.awaitWaiter();
    await platform.kill('animal');
    await transfer.release(waiters);
    expect(await rows('animal', 'select 1 from animal_transfers where sale_id = $1', [sale.saleId])).toEqual([]);
    expect((await rows<{ state: string }>('commerce', 'select state from sales where id = $1', [sale.saleId]))[0].state).toBe('TRANSFER_PENDING');

    // Restarted, it takes up the sale it had read and not finished.
    await platform.start('animal');
    await expectSoldOnce(sale);
    // Commerce's relay appends the event again (as a relay dying between append and mark does): nothing changes.
    await emitSaleCompleted(platform.serviceUrlOf('commerce'), completed);
    await drained('sale.completed', 'animal-ownership');
    await expectSoldOnce(sale);
  }, 180_000);

  it('ends the sale once when commerce is killed while applying the animal subgraph’s answer', async () => {
    const sale = await acceptedSale('Restart Clown');
    const transfer = await holdTransferOf(sale.saleId);
    await completeSale(sale);
    await transfer.awaitWaiter();
    // Commerce must wait for the sale row when the answer arrives: killed while it applies it.
    const ending = await holdLock('commerce', 'select 1 from sales where id = $1 for update', [sale.saleId]);
    await transfer.release([]);
    const waiters = await ending.awaitWaiter();
    await platform.kill('commerce');
    await ending.release(waiters);
    expect(await rows('animal', 'select outcome from animal_transfers where sale_id = $1', [sale.saleId])).toEqual([{ outcome: 'TRANSFERRED' }]);
    expect((await rows<{ state: string }>('commerce', 'select state from sales where id = $1', [sale.saleId]))[0].state).toBe('TRANSFER_PENDING');

    await platform.start('commerce');
    await expectSoldOnce(sale);
  }, 180_000);

  it('refuses a listing write while the animal subgraph hangs with a retryable SUBGRAPH_UNAVAILABLE, writing nothing', async () => {
    const { createAnimal } = await dataAt(
      gateway(),
      CREATE_ANIMAL,
      { input: { name: 'Hung Mojave', species: 'Ball python', sex: 'MALE', visibility: 'PUBLIC' } },
      seller.token,
    );
    const { createListing } = await dataAt(gateway(), LIST, { input: { animalId: createAnimal.id, price: 300, currency: 'EUR' } }, seller.token);
    const events = () => rows('commerce', 'select version from outbox where aggregate_id = $1', [createListing.id]);
    const before = await events();
    platform.pause('animal');
    try {
      const refused = await requestAt(gateway(), UPDATE, { id: createListing.id, input: { price: 350 } }, seller.token);
      expect(refused.errors?.map((error) => error.extensions)).toEqual([{ code: 'SUBGRAPH_UNAVAILABLE', retryable: true }]);
      expect(JSON.stringify(refused.errors)).not.toMatch(/animal subgraph|fetch|abort|timeout/i);
    } finally {
      platform.resume('animal');
    }
    expect((await dataAt(gateway(), LISTING, { id: createListing.id }, seller.token)).listing).toEqual({ price: 300 });
    expect(await events()).toEqual(before);
    // Answering again, the same write goes through.
    expect((await dataAt(gateway(), UPDATE, { id: createListing.id, input: { price: 350 } }, seller.token)).updateListing).toEqual({ price: 350 });
  }, 60_000);
});
