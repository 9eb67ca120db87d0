import { beforeAll, describe, expect, it } from 'vitest';
import { createAnimal, gql, gqlData, newOrganization, type Member } from '../support/gateway-client.js';
import { asAdmin, tenantFootprint } from '../support/postgres.js';
import { acceptAs, completeAcceptedAs, completeAs, reserveAs } from './sale-events.js';
import { graphql } from '../__generated__/index.js';

const CREATE = graphql(`mutation ReviewsCreateListing($input: CreateListingInput!) { createListing(input: $input) { id } }`);
const REVIEW = graphql(`
  mutation ReviewsReviewSale($input: ReviewSaleInput!) {
    reviewSale(input: $input) { id rating text author { id name } seller { id name } listing { id title } }
  }
`);
const REPUTATION = graphql(`
  query ReviewsSellerReputation($id: ID!, $first: Int, $after: String) {
    listing(id: $id) {
      seller {
        name
        sellerReputation { averageRating reviewCount reviews(first: $first, after: $after) { edges { node { rating text author { name } } } pageInfo { hasNextPage endCursor } } }
      }
    }
  }
`);

const SALE_REVIEW = graphql(`query ReviewsSaleReview($id: ID!) { sale(id: $id) { id review { id rating text author { id } } } }`);
const PURCHASES_REVIEWS = graphql(`
  query ReviewsPurchasesReviews { myPurchases(first: 50) { edges { node { id review { rating text } } } } }
`);
const SALES_REVIEWS = graphql(`query ReviewsSalesReviews { mySales(first: 50) { edges { node { id review { rating } } } } }`);

let seller: Member;
let buyers: Member[];
/** A listing of the seller's that is never sold: how a buyer reaches the seller's reputation. */
let listingId: string;
let listings = 0;

async function listing(member: Member, title: string) {
  const animal = await createAnimal(member, { name: title, visibility: 'PUBLIC' });
  return (await gqlData(CREATE, { input: { animalId: animal.id, price: 400, currency: 'EUR', title } }, member.token)).createListing.id;
}

/** A sale of a listing of its own (a listing sells once), reserved by the buyer and not yet answered by the seller. */
async function reservedSale(buyer: Member): Promise<{ saleId: string; listingId: string }> {
  const sold = await listing(seller, `Reviewed Clown ${++listings}`);
  return { saleId: await reserveAs(buyer, sold), listingId: sold };
}

/** A sale made through the marketplace: reserved by the buyer, accepted and completed by the seller, the animal handed over. */
async function completedSale(buyer: Member): Promise<{ saleId: string; listingId: string }> {
  const sale = await reservedSale(buyer);
  await completeAs(seller, sale.saleId);
  return sale;
}

const reputation = async (first = 10, after?: string) => (await gqlData(REPUTATION, { id: listingId, first, after }, buyers[0].token)).listing!.seller;

async function expectNothingWritten(tenantId: string) {
  const footprint = await tenantFootprint('commerce', tenantId);
  expect(footprint.reviews).toBe(0);
  expect(await asAdmin('commerce', `select 1 from outbox where tenant_id = $1 and event_type = 'review.created'`, [tenantId])).toEqual([]);
}

beforeAll(async () => {
  seller = await newOrganization('Reviewed seller');
  buyers = await Promise.all([newOrganization('Reviewing buyer A'), newOrganization('Reviewing buyer B'), newOrganization('Reviewing buyer C')]);
  listingId = await listing(seller, 'Reviewed Clown');
});

describe('reviewSale', () => {
  it("shows buyers' reviews on the seller's organisation, with their average, newest first and paged", async () => {
    const ratings = [5, 4, 2];
    const sales = await Promise.all(buyers.map(completedSale));
    for (const [i, buyer] of buyers.entries()) {
      const { saleId, listingId: sold } = sales[i];
      const { reviewSale } = await gqlData(REVIEW, { input: { saleId, rating: ratings[i], text: `  Review ${i}, healthy animal  ` } }, buyer.token);
      expect(reviewSale).toMatchObject({ rating: ratings[i], text: `Review ${i}, healthy animal`, seller: { id: seller.organizationId }, listing: { id: sold } });
      expect(reviewSale.author.id).toBe(buyer.organizationId);
    }

    const first = await reputation(2);
    expect(first.name).toBe('Reviewed seller Org');
    expect(first.sellerReputation).toMatchObject({ averageRating: 11 / 3, reviewCount: 3 });
    expect(first.sellerReputation.reviews.edges.map((edge) => edge.node.text)).toEqual(['Review 2, healthy animal', 'Review 1, healthy animal']);
    expect(first.sellerReputation.reviews.edges[0].node.author.name).toBe('Reviewing buyer C Org');
    const rest = await reputation(2, first.sellerReputation.reviews.pageInfo.endCursor!);
    expect(rest.sellerReputation.reviews.edges.map((edge) => edge.node.rating)).toEqual([5]);
    expect(rest.sellerReputation.reviews.pageInfo.hasNextPage).toBe(false);
  });

  it("shows a sale's review to its two parties once the buyer wrote it, null before, and the sale to nobody else", async () => {
    const [buyer, stranger] = await Promise.all([newOrganization('Sale review buyer'), newOrganization('Sale review stranger')]);
    const [first, second] = [await completedSale(buyer), await completedSale(buyer)];
    expect((await gqlData(SALE_REVIEW, { id: first.saleId }, buyer.token)).sale).toEqual({ id: first.saleId, review: null });

    const { reviewSale } = await gqlData(REVIEW, { input: { saleId: first.saleId, rating: 4, text: 'Calm and healthy' } }, buyer.token);

    const asBuyer = (await gqlData(SALE_REVIEW, { id: first.saleId }, buyer.token)).sale;
    expect(asBuyer?.review).toEqual({ id: reviewSale.id, rating: 4, text: 'Calm and healthy', author: { id: buyer.organizationId } });
    expect((await gqlData(SALE_REVIEW, { id: first.saleId }, seller.token)).sale?.review?.id).toBe(reviewSale.id);
    const strangers = await gql(SALE_REVIEW, { id: first.saleId }, stranger.token);
    expect(strangers.data?.sale ?? null).toBeNull();
    // A list of sales reads each one's review (batched): the reviewed one has it, the other none.
    const purchases = (await gqlData(PURCHASES_REVIEWS, {}, buyer.token)).myPurchases.edges.map((edge) => edge.node);
    expect(purchases.find((sale) => sale.id === first.saleId)?.review).toEqual({ rating: 4, text: 'Calm and healthy' });
    expect(purchases.find((sale) => sale.id === second.saleId)?.review).toBeNull();
    const sold = (await gqlData(SALES_REVIEWS, {}, seller.token)).mySales.edges.map((edge) => edge.node);
    expect(sold.find((sale) => sale.id === first.saleId)?.review).toEqual({ rating: 4 });
  });

  it('refuses a second review of the same sale, and keeps the first', async () => {
    const buyer = await newOrganization('Twice reviewing buyer');
    const { saleId } = await completedSale(buyer);
    await gqlData(REVIEW, { input: { saleId, rating: 3 } }, buyer.token);

    const again = await gql(REVIEW, { input: { saleId, rating: 5, text: 'Changed my mind' } }, buyer.token);

    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'saleId' });
    expect(await asAdmin('commerce', 'select rating, text from reviews where sale_id = $1', [saleId])).toEqual([{ rating: 3, text: '' }]);
  });

  it('refuses the seller, a stranger, an unknown sale and one not completed yet, and writes nothing', async () => {
    const [buyer, stranger] = await Promise.all([newOrganization('Pending buyer'), newOrganization('Review stranger')]);
    const { saleId: pending } = await reservedSale(buyer);
    const cases: [Member, string, string][] = [
      [seller, pending, 'FORBIDDEN'],
      [stranger, pending, 'NOT_FOUND'],
      [buyer, '00000000-0000-4000-8000-000000000000', 'NOT_FOUND'],
      [buyer, pending, 'CONFLICT'],
    ];
    for (const [member, saleId, code] of cases) {
      const response = await gql(REVIEW, { input: { saleId, rating: 4 } }, member.token);
      expect(response.errors?.[0].extensions, `${code} for ${saleId}`).toMatchObject({ code, field: 'saleId' });
      expect(JSON.stringify(response.errors)).not.toMatch(/sales|select|studbook_/i);
      await expectNothingWritten(member.organizationId);
    }

    // Accepted by the seller is not completed either.
    await acceptAs(seller, pending);
    const accepted = await gql(REVIEW, { input: { saleId: pending, rating: 4 } }, buyer.token);
    expect(accepted.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'saleId' });
    await expectNothingWritten(buyer.organizationId);

    await completeAcceptedAs(seller, pending);
    expect((await gqlData(REVIEW, { input: { saleId: pending, rating: 4 } }, buyer.token)).reviewSale.rating).toBe(4);
  });

  it('refuses a rating out of range and text over 4,000 characters, naming the field', async () => {
    const buyer = await newOrganization('Bad input buyer');
    const { saleId } = await completedSale(buyer);
    const cases: [Record<string, unknown>, string][] = [
      [{ rating: 0 }, 'rating'],
      [{ rating: 6 }, 'rating'],
      [{ rating: 4, text: 'x'.repeat(4_001) }, 'text'],
      [{ rating: 4, saleId: 'not-a-sale' }, 'saleId'],
    ];
    for (const [input, field] of cases) {
      const response = await gql(REVIEW, { input: { saleId, ...input } as never }, buyer.token);
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    await expectNothingWritten(buyer.organizationId);
    const padded = `  ${'y'.repeat(4_000)}  `;
    expect((await gqlData(REVIEW, { input: { saleId, rating: 1, text: padded } }, buyer.token)).reviewSale.text).toHaveLength(4_000);
  });

  it('shows a seller nobody has reviewed yet as no rating and no reviews', async () => {
    const fresh = await newOrganization('Unreviewed seller');
    const id = await listing(fresh, 'Unreviewed Pastel');
    const { listing: found } = await gqlData(REPUTATION, { id, first: 5 }, buyers[1].token);
    expect(found!.seller.sellerReputation).toEqual({ averageRating: null, reviewCount: 0, reviews: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } });
  });
});
