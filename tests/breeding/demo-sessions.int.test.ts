import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { loadBreedingSessions } from '../../embedded/src/demo-breeding.js';
import { createAnimal, gqlData, newOrganization } from '../support/gateway-client.js';
import { graphql } from '../__generated__/index.js';

describe('demo breeding sessions', () => {
  it('load once into a herd with adults: one ended with hatchlings, one incubating, one just introduced', async () => {
    const breeder = await newOrganization('Demo breeding');
    for (let i = 0; i < 3; i++) {
      await createAnimal(breeder, { name: `Demo male ${i}`, sex: 'MALE', hatchDate: '2020-06-01' });
      await createAnimal(breeder, { name: `Demo female ${i}`, sex: 'FEMALE', hatchDate: '2020-07-01' });
    }
    expect(await loadBreedingSessions(inject('gatewayUrl'), breeder.token)).toBe(true);
    expect(await loadBreedingSessions(inject('gatewayUrl'), breeder.token)).toBe(false);

    const { breedingSessions } = await gqlData(
      graphql(
        `query DemoSessionsBreedingSessions { breedingSessions { edges { node { status notes events { type } clutch { eggCount fertileCount hatchedCount hatchlings { id } } } } } }`,
      ),
      {},
      breeder.token,
    );
    const byNotes = Object.fromEntries(breedingSessions.edges.map((e) => [e.node.notes, e.node]));
    expect(Object.keys(byNotes)).toHaveLength(3);
    expect(byNotes['Last season: a full clutch, hatchlings registered']).toMatchObject({ status: 'ENDED', clutch: { eggCount: 7, fertileCount: 6, hatchedCount: 6 } });
    expect(byNotes['Last season: a full clutch, hatchlings registered'].clutch.hatchlings).toHaveLength(6);
    expect(byNotes['Incubating at 31.5 °C']).toMatchObject({ status: 'ACTIVE', clutch: { eggCount: 8, fertileCount: 7, hatchedCount: null } });
    expect(byNotes['First pairing of this female']).toMatchObject({ status: 'ACTIVE', events: [{ type: 'INTRODUCED' }], clutch: null });
  });
});
