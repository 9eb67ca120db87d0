import { graphqlData } from '../embedded/src/graphql-client.js';
import { ms, percentile } from './stats.js';

interface Party {
  token: string;
  organizationId: string;
}

/**
 * The sale saga end to end, as its two users see it: for each sale the seller lists an animal, the
 * buyer reserves it and the seller accepts; then the clock runs from the seller's completeSale to
 * the first answer in which the buyer owns the animal (sale.completed through the commerce outbox,
 * relay and stream, the animal subgraph's transfer, read through the gateway every 5 ms), and on to
 * the buyer's sale reading COMPLETED (animal.transferred back to commerce).
 */
export async function benchSaleSaga(url: string, seller: Party, buyer: Party, sales: number): Promise<string[]> {
  const ask = (query: string, variables: Record<string, unknown>, token: string) => graphqlData(url, query, variables, token);
  const owned: number[] = [];
  const completed: number[] = [];
  for (let i = 0; i < sales; i++) {
    const { createAnimal } = await ask(
      'mutation($input: CreateAnimalInput!) { createAnimal(input: $input) { id } }',
      { input: { name: `Saga ${i}`, species: 'Ball python', sex: 'FEMALE', visibility: 'PUBLIC' } },
      seller.token,
    );
    const { createListing } = await ask(
      'mutation($input: CreateListingInput!) { createListing(input: $input) { id } }',
      { input: { animalId: createAnimal.id, price: 400, currency: 'EUR' } },
      seller.token,
    );
    const { reserveListing } = await ask('mutation($id: ID!) { reserveListing(listingId: $id) { id } }', { id: createListing.id }, buyer.token);
    await ask('mutation($id: ID!) { acceptReservation(id: $id) { id } }', { id: reserveListing.id }, seller.token);

    const start = performance.now();
    await ask('mutation($id: ID!) { completeSale(saleId: $id) { id } }', { id: reserveListing.id }, seller.token);
    const until = async (done: () => Promise<boolean>) => {
      for (let tries = 0; !(await done()); tries++) {
        if (tries > 2_000) throw new Error(`sale ${reserveListing.id} did not finish`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return performance.now() - start;
    };
    owned.push(
      await until(
        async () => (await ask('query($id: ID!) { animal(id: $id) { owner { id } } }', { id: createAnimal.id }, buyer.token)).animal?.owner?.id === buyer.organizationId,
      ),
    );
    completed.push(
      await until(async () => (await ask('query($id: ID!) { sale(id: $id) { state } }', { id: reserveListing.id }, buyer.token)).sale?.state === 'COMPLETED'),
    );
  }
  const figures = (samples: number[]) => `p50 ${ms(percentile(samples, 50))}, p99 ${ms(percentile(samples, 99))}, max ${ms(Math.max(...samples))}`;
  return [
    `- Sale saga, ${sales} sales one after another (reserve, accept, then timed from \`completeSale\`'s request; polled every 5 ms through the gateway):`,
    `  buyer sees the animal as theirs ${figures(owned)}; buyer's sale reads COMPLETED ${figures(completed)}.`,
  ];
}
