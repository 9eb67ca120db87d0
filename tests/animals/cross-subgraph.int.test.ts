import { describe, expect, it } from 'vitest';
import { createAnimal, gqlData, newOrganization } from '../support/gateway-client.js';
import { graphql } from '../__generated__/index.js';
import type { CrossSubgraphAnimalsQuery } from '../__generated__/graphql.js';

describe('one query answered by all four subgraphs', () => {
  it('resolves animal, species and sire (animal), owner (user), listing (commerce) and measurements (research)', async () => {
    const breeder = await newOrganization('Federation');
    const sire = await createAnimal(breeder, { name: 'Atlas', sex: 'MALE', hatchDate: '2019-05-01' });
    const animal = await createAnimal(breeder, { name: 'Nova', sireId: sire.id, hatchDate: '2022-06-01', visibility: 'PUBLIC' });
    await gqlData(
      graphql(`mutation CrossSubgraphCreateListing($input: CreateListingInput!) { createListing(input: $input) { id } }`),
      { input: { animalId: animal.id, price: 450, currency: 'EUR' } },
      breeder.token,
    );
    await gqlData(
      graphql(`mutation CrossSubgraphRecordMeasurement($input: RecordMeasurementInput!) { recordMeasurement(input: $input) { id } }`),
      { input: { animalId: animal.id, trait: 'body_weight', value: 1520.5, unit: 'g', measuredAt: '2024-01-15T10:00:00Z' } },
      breeder.token,
    );

    const data = await gqlData(
      graphql(`query EveryFieldOfOneAnimal($id: ID!) { animal(id: $id) {
         name species { commonName scientificName } sire { name } owner { name }
         listing { price currency status } measurements { trait value unit enteredValue enteredUnit }
       } }`),
      { id: animal.id },
      breeder.token,
    );

    expect(data.animal).toEqual({
      name: 'Nova',
      species: { commonName: 'Ball python', scientificName: 'Python regius' },
      sire: { name: 'Atlas' },
      owner: { name: 'Federation Org' },
      listing: { price: 450, currency: 'EUR', status: 'ACTIVE' },
      measurements: [{ trait: 'body_weight', value: 1.5205, unit: 'kg', enteredValue: 1520.5, enteredUnit: 'g' }],
    });
  });

  it('answers me with the organisation from the user subgraph', async () => {
    const member = await newOrganization('Me');
    const data = await gqlData(graphql(`query CrossSubgraphMe { me { id email role organization { id name } } }`), {}, member.token);
    expect(data.me).toEqual({ id: member.userId, email: member.email, role: 'OWNER', organization: { id: member.organizationId, name: 'Me Org' } });
  });

  it('pages through animals with a cursor, without skipping or repeating', async () => {
    const breeder = await newOrganization('Paging');
    const created = [];
    for (let i = 0; i < 7; i++) created.push(await createAnimal(breeder, { name: `Hatchling ${i}` }));
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const data: CrossSubgraphAnimalsQuery = await gqlData(
        graphql(
          `query CrossSubgraphAnimals($after: String) { animals(first: 3, after: $after, filter: { mine: true }) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
        ),
        { after },
        breeder.token,
      );
      seen.push(...data.animals.edges.map((e) => e.node.id));
      after = data.animals.pageInfo.hasNextPage ? data.animals.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(created.map((a) => a.id).reverse());
  });
});
