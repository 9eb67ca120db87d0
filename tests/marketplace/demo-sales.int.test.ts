import { describe, expect, inject, it } from 'vitest';
import { loadDemoSales } from '../../embedded/src/demo-sales.js';
import { createAnimal, gqlData, newOrganization } from '../support/gateway-client.js';
import { graphql } from '../__generated__/index.js';

const LIST = graphql(`mutation DemoSalesList($input: CreateListingInput!) { createListing(input: $input) { id } }`);
const SALES = graphql(`query DemoSalesMySales { mySales { edges { node { state soldAnimal { name } buyer { id } } } } }`);
const OWNER = graphql(`query DemoSalesOwner($id: ID!) { animal(id: $id) { owner { id } } }`);
const FARM_LISTINGS = graphql(`query DemoSalesFarmListings { animals(first: 10, filter: { mine: true }) { edges { node { name listing { price currency } } } } }`);

describe('the demo sales npm start loads', () => {
  it('lists two of the farm’s rams and completes one sale of a listed python to the farm, once', async () => {
    const [breeder, farm] = await Promise.all([newOrganization('Demo breeder'), newOrganization('Demo farm')]);
    const python = await createAnimal(breeder, { name: 'Demo Pastel', visibility: 'PUBLIC' });
    await gqlData(LIST, { input: { animalId: python.id, price: 300, currency: 'EUR' } }, breeder.token);
    for (const name of ['Ram 100', 'Ram 101', 'Ram 102']) await createAnimal(farm, { name, species: 'Sheep', sex: 'MALE' });

    expect(await loadDemoSales(inject('gatewayUrl'), breeder.token, farm.token)).toBe(true);
    const sales = (await gqlData(SALES, {}, breeder.token)).mySales.edges.map((edge) => edge.node);
    expect(sales).toEqual([{ state: 'COMPLETED', soldAnimal: { name: 'Demo Pastel' }, buyer: { id: farm.organizationId } }]);
    expect((await gqlData(OWNER, { id: python.id }, farm.token)).animal?.owner?.id).toBe(farm.organizationId);
    const listed = (await gqlData(FARM_LISTINGS, {}, farm.token)).animals.edges.filter((edge) => edge.node.listing && edge.node.name.startsWith('Ram'));
    expect(listed).toHaveLength(2);

    expect(await loadDemoSales(inject('gatewayUrl'), breeder.token, farm.token)).toBe(false);
  });
});
