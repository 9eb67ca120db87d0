import { beforeAll, describe, expect, it } from 'vitest';
import { createAnimal, gql, gqlData, newOrganization, type Member } from '../support/gateway-client.js';
import { recordHistoricalSale } from '../support/historical-sales.js';
import { acceptAs, completeAs, confirmPaymentAs, eventually, reserveAs } from './sale-events.js';
import { asAdmin } from '../support/postgres.js';
import { graphql } from '../__generated__/index.js';

const STATS = graphql(`
  query MarketStatsMonths($species: String!, $genes: [String!], $months: Int) {
    marketStats(species: $species, genes: $genes, months: $months) { month currency listingCount medianAskingPrice saleCount medianSoldPrice }
  }
`);
const CREATE = graphql(`mutation MarketStatsCreateListing($input: CreateListingInput!) { createListing(input: $input) { id } }`);
const SET_GENOTYPE = graphql(`mutation MarketStatsSetGenotype($id: ID!, $genotype: String!) { setGenotype(animalId: $id, genotype: $genotype) { id } }`);
const DELETE_ANIMAL = graphql(`mutation MarketStatsDeleteAnimal($id: ID!) { deleteAnimal(id: $id) }`);

type Month = { month: string; currency: string; listingCount: number; medianAskingPrice: number | null; saleCount: number; medianSoldPrice: number | null };

let seller: Member;
let buyer: Member;

type ListedOptions = { currency?: string; month?: string; status?: 'ACTIVE' | 'DRAFT' };

/** A public ball python of the seller with this genotype, listed at this price; published in `month` (YYYY-MM) when given. */
async function listedAnimal(genotype: string, price: number, options: ListedOptions = {}) {
  const animal = await createAnimal(seller, { name: `${genotype} ${price}`, sex: 'MALE', visibility: 'PUBLIC' });
  await gqlData(SET_GENOTYPE, { id: animal.id, genotype }, seller.token);
  const input = { animalId: animal.id, price, currency: options.currency ?? 'EUR', status: options.status ?? 'ACTIVE' };
  const { createListing } = await gqlData(CREATE, { input }, seller.token);
  if (options.month) await asAdmin('commerce', `update listings set published_at = $2 where id = $1`, [createListing.id, `${options.month}-15T12:00:00Z`]);
  return { animalId: animal.id, listingId: createListing.id };
}

const listed = async (genotype: string, price: number, options: ListedOptions = {}) => (await listedAnimal(genotype, price, options)).listingId;

/** A sale that completed in a past month: historical data, recorded in the sales table as the API cannot backdate a sale. */
const soldIn = (listingId: string, price: number, month: string) =>
  recordHistoricalSale({ listingId, price, buyerOrganizationId: buyer.organizationId, completedAt: new Date(`${month}-20T12:00:00Z`) });

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : Math.round(((sorted[mid - 1] + sorted[mid]) / 2) * 100) / 100;
};

/**
 * marketStats computed the slow way from the tables themselves: every PUBLIC listing that went on
 * the market, of ball pythons with both Piebald and Hypo, and the completed sales of those listings.
 */
async function bruteForce(sinceMonth: string): Promise<Month[]> {
  const listings = await asAdmin<{ id: string; currency: string; month: string; price: string }>(
    'commerce',
    `select id, currency, to_char(published_at at time zone 'UTC', 'YYYY-MM') as month, price from listings
     where visibility = 'PUBLIC' and published_at is not null and species_name = 'Ball python' and genes_one || genes_two @> array['Hypo', 'Piebald']`,
  );
  const sales = await asAdmin<{ listing_id: string; price: string; currency: string; month: string }>(
    'commerce',
    `select listing_id, price, currency, to_char(completed_at at time zone 'UTC', 'YYYY-MM') as month from sales where state = 'COMPLETED'`,
  );
  const cells = new Map<string, { month: string; currency: string; asked: number[]; sold: number[] }>();
  const cell = (month: string, currency: string) => {
    const key = `${month} ${currency}`;
    if (!cells.has(key)) cells.set(key, { month, currency, asked: [], sold: [] });
    return cells.get(key)!;
  };
  const byId = new Map(listings.map((row) => [row.id, row]));
  for (const row of listings) if (row.month >= sinceMonth) cell(row.month, row.currency).asked.push(Number(row.price));
  for (const sale of sales) {
    const listing = byId.get(sale.listing_id);
    if (listing && sale.month >= sinceMonth) cell(sale.month, sale.currency).sold.push(Number(sale.price));
  }
  return [...cells.values()]
    .sort((a, b) => a.month.localeCompare(b.month) || a.currency.localeCompare(b.currency))
    .map(({ month, currency, asked, sold }) => ({
      month,
      currency,
      listingCount: asked.length,
      medianAskingPrice: asked.length >= 3 ? median(asked) : null,
      saleCount: sold.length,
      medianSoldPrice: sold.length >= 3 ? median(sold) : null,
    }));
}

const stats = async (genes = ['pied', 'ghost'], months = 36) => (await gqlData(STATS, { species: 'ball python', genes, months }, buyer.token)).marketStats;
const monthsAgo = (n: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, 1)).toISOString().slice(0, 7);
};

let early: string;
let later: string;

beforeAll(async () => {
  [seller, buyer] = await Promise.all([newOrganization('Market seller'), newOrganization('Market buyer')]);
  [early, later] = [monthsAgo(20), monthsAgo(17)];
  const a = await listed('Piebald Hypo', 900, { month: early });
  const b = await listed('Pastel Piebald Hypo', 1500, { month: early });
  const c = await listed('Piebald Hypo', 1100, { month: early });
  await listed('Piebald Hypo', 700, { month: early, currency: 'USD' });
  const d = await listed('Piebald Hypo', 1250, { month: later });
  await listed('Piebald Hypo', 1000, { month: later });
  // Neither counts: only Piebald, and a draft that never went on the market.
  await listed('Piebald', 300, { month: early });
  await listed('Piebald Hypo', 99, { status: 'DRAFT' });
  await soldIn(a, 850, monthsAgo(19));
  await soldIn(b, 1400, monthsAgo(19));
  await soldIn(c, 1000, monthsAgo(19));
  await soldIn(d, 1200, later);
  await asAdmin('commerce', 'select studbook_api_refresh_market_stats()');
});

describe('marketStats', () => {
  it('gives per month and currency the counts and medians a brute-force computation over the tables gives', async () => {
    const since = monthsAgo(35);
    const [answer, expected] = await eventually(
      async () => [await stats(), await bruteForce(since)] as const,
      ([a, b]) => JSON.stringify(a) === JSON.stringify(b),
      'marketStats to match the brute-force computation',
    );
    expect(answer).toEqual(expected);
    expect(answer.filter((row) => row.month <= later)).toEqual([
      { month: early, currency: 'EUR', listingCount: 3, medianAskingPrice: 1100, saleCount: 0, medianSoldPrice: null },
      { month: early, currency: 'USD', listingCount: 1, medianAskingPrice: null, saleCount: 0, medianSoldPrice: null },
      { month: monthsAgo(19), currency: 'EUR', listingCount: 0, medianAskingPrice: null, saleCount: 3, medianSoldPrice: 1000 },
      { month: later, currency: 'EUR', listingCount: 2, medianAskingPrice: null, saleCount: 1, medianSoldPrice: null },
    ]);
  });

  it('never shows a median of fewer than three prices, so a single sale price cannot be read', async () => {
    for (const row of await stats()) {
      if (row.listingCount < 3) expect(row.medianAskingPrice).toBeNull();
      if (row.saleCount < 3) expect(row.medianSoldPrice).toBeNull();
    }
  });

  it('counts a listing within seconds of it going on the market, through its event', async () => {
    const now = monthsAgo(0);
    const before = (await stats()).find((row) => row.month === now)?.listingCount ?? 0;
    await listed('Piebald Hypo', 1300);
    await eventually(
      async () => (await stats()).find((row) => row.month === now)?.listingCount ?? 0,
      (count) => count === before + 1,
      'the new listing to count',
    );
  });

  it('counts a sale made through the marketplace in the month it completed, as soon as it completed, and not one whose transfer failed', async () => {
    const now = monthsAgo(0);
    const thisMonth = async () => (await stats()).find((row) => row.month === now && row.currency === 'EUR');
    const before = (await thisMonth())?.listingCount ?? 0;
    const listingId = await listed('Piebald Hypo', 1350);
    const counted = await eventually(thisMonth, (row) => row?.listingCount === before + 1, 'the listing to count');

    const saleId = await reserveAs(buyer, listingId);
    expect((await thisMonth())?.saleCount).toBe(counted!.saleCount);
    await completeAs(seller, saleId);

    expect(await thisMonth()).toMatchObject({ listingCount: before + 1, saleCount: counted!.saleCount + 1 });
    const completedMonth = `select to_char(completed_at at time zone 'UTC', 'YYYY-MM') as month from sales where id = $1 and state = 'COMPLETED'`;
    expect(await asAdmin('commerce', completedMonth, [saleId])).toEqual([{ month: now }]);

    // Paid for, but the animal was deleted before it could move: the sale never completed and counts nowhere.
    const failing = await listedAnimal('Piebald Hypo', 1450);
    await eventually(thisMonth, (row) => row?.listingCount === before + 2, 'the second listing to count');
    const failedSale = await reserveAs(buyer, failing.listingId);
    await acceptAs(seller, failedSale);
    await gqlData(DELETE_ANIMAL, { id: failing.animalId }, seller.token);
    expect(await confirmPaymentAs(seller, failedSale)).toBe('TRANSFER_FAILED');
    expect(await thisMonth()).toMatchObject({ listingCount: before + 2, saleCount: counted!.saleCount + 1 });
    const [answer, expected] = await eventually(
      async () => [await stats(), await bruteForce(monthsAgo(35))] as const,
      ([a, b]) => JSON.stringify(a) === JSON.stringify(b),
      'marketStats to match the brute-force computation',
    );
    expect(answer).toEqual(expected);
  });

  it('limits the answer to the months asked for', async () => {
    expect((await stats(['Piebald', 'Hypo'], 18)).map((row) => row.month)).not.toContain(early);
    expect((await stats(['Piebald', 'Hypo'], 18)).map((row) => row.month)).toContain(later);
  });

  it('refuses unknown genes and species, naming them, and months out of range', async () => {
    const genes = await gql(STATS, { species: 'Ball python', genes: ['Piebald', 'Purple Haze', 'Snorkel'] }, buyer.token);
    expect(genes.errors?.[0]).toMatchObject({ message: 'Unknown genes: Purple Haze, Snorkel', extensions: { code: 'BAD_USER_INPUT', field: 'genes' } });
    const species = await gql(STATS, { species: 'Unicorn' }, buyer.token);
    expect(species.errors?.[0]).toMatchObject({ message: 'Unknown species: Unicorn', extensions: { code: 'BAD_USER_INPUT', field: 'species' } });
    for (const months of [0, 121]) {
      const response = await gql(STATS, { species: 'Ball python', months }, buyer.token);
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'months' });
    }
  });

  it('shows nothing to a caller without an organisation', async () => {
    expect((await gqlData(STATS, { species: 'Ball python', genes: [] })).marketStats).toEqual([]);
  });
});
