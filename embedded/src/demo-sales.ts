import { graphqlData } from './graphql-client.js';

const MY_SALES = '{ mySales(first: 1) { edges { node { id } } } }';
const MINE = '{ animals(first: 200, filter: { mine: true }) { edges { node { id name visibility listing { id } media { id } } } } }';
const MAKE_PUBLIC = 'mutation($id: ID!) { updateAnimal(id: $id, input: { visibility: PUBLIC }) { id } }';
const LIST = 'mutation($input: CreateListingInput!) { createListing(input: $input) { id } }';
const RESERVE = 'mutation($id: ID!) { reserveListing(listingId: $id) { id } }';
const ACCEPT = 'mutation($id: ID!) { acceptReservation(id: $id) { id } }';
const COMPLETE = 'mutation($id: ID!) { completeSale(saleId: $id) { id } }';
const SALE = 'query($id: ID!) { sale(id: $id) { state } }';

interface Mine {
  id: string;
  name: string;
  visibility: string;
  listing: { id: string } | null;
  media: unknown[];
}

/**
 * The marketplace as a new user should find it: the sheep farm lists two of its rams next to the
 * python breeder's listings, and has bought one of the breeder's pythons (listed, reserved,
 * accepted, completed; the animal moved to the farm). Loaded once: skipped when the python
 * breeder already has a sale.
 */
export async function loadDemoSales(url: string, breeder: string, farm: string): Promise<boolean> {
  const { mySales } = await graphqlData(url, MY_SALES, {}, breeder);
  if (mySales.edges.length > 0) return false;
  const mine = async (token: string) => ((await graphqlData(url, MINE, {}, token)).animals.edges as { node: Mine }[]).map((edge) => edge.node);

  const rams = (await mine(farm)).filter((animal) => animal.name.startsWith('Ram ')).slice(0, 2);
  for (const [i, ram] of rams.entries()) {
    if (ram.listing) continue;
    if (ram.visibility !== 'PUBLIC') await graphqlData(url, MAKE_PUBLIC, { id: ram.id }, farm);
    await graphqlData(url, LIST, { input: { animalId: ram.id, price: 420 + i * 60, currency: 'GBP', title: `${ram.name}, proven breeding ram`, pickup: true } }, farm);
  }

  // A public animal without photos (the demo photos and the listings a new user browses stay the
  // breeder's), listed for this sale; else one already listed.
  const herd = await mine(breeder);
  const unlisted = herd.find((animal) => animal.visibility === 'PUBLIC' && !animal.listing && animal.media.length === 0);
  const listingId = unlisted
    ? (await graphqlData(url, LIST, { input: { animalId: unlisted.id, price: 650, currency: 'EUR' } }, breeder)).createListing.id
    : (herd.find((animal) => animal.listing && animal.media.length === 0) ?? herd.find((animal) => animal.listing))?.listing?.id;
  if (!listingId) return rams.length > 0;
  const { reserveListing } = await graphqlData(url, RESERVE, { id: listingId }, farm);
  await graphqlData(url, ACCEPT, { id: reserveListing.id }, breeder);
  await graphqlData(url, COMPLETE, { id: reserveListing.id }, breeder);
  // The transfer runs through the sale saga; a new user should find it done, so the start waits for it.
  for (let i = 0; i < 200; i++) {
    const { sale } = await graphqlData(url, SALE, { id: reserveListing.id }, breeder);
    if (sale?.state !== 'TRANSFER_PENDING') break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}
