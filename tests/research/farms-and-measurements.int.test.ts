import { describe, expect, it } from 'vitest';
import { createAnimal, gql, gqlData, newOrganization, type Member } from '../support/gateway-client.js';
import { tenantFootprint } from '../support/postgres.js';
import { graphql } from '../__generated__/index.js';

const TRAITS = graphql(
  `query ResearchTraits($species: String!) { traits(species: $species) { id canonicalUnit acceptedUnits range(species: $species) { min max unit } } }`,
);
const CREATE_FARM = graphql(`mutation ResearchCreateFarm($input: FarmInput!) { createFarm(input: $input) { id name } }`);
const CREATE_GROUP = graphql(`mutation ResearchCreateGroup($input: CreateGroupInput!) { createGroup(input: $input) { id } }`);
const FARMS_NEAR = graphql(
  `query ResearchFarmsNear($lat: Float!, $lon: Float!, $km: Float!) { farmsNear(latitude: $lat, longitude: $lon, km: $km) { km farm { name } } }`,
);
const RECORD = graphql(
  `mutation ResearchRecord($input: RecordMeasurementInput!) { recordMeasurement(input: $input) { id value unit enteredValue enteredUnit group { id } } }`,
);
const IMPORT = graphql(`mutation ResearchImport($csv: String!) { importMeasurements(csv: $csv) { imported errors { line message } } }`);
const ASSIGN = graphql(`mutation ResearchAssign($animal: ID!, $farm: ID!, $from: Date!) { assignAnimal(animalId: $animal, farmId: $farm, from: $from) { id } }`);
const ANIMAL = graphql(`
  query ResearchAnimal($id: ID!, $from: DateTime, $to: DateTime) {
    animal(id: $id) { name measurements(trait: "body_weight", from: $from, to: $to) { value unit } farmHistory { from farm { name } } currentFarm { farm { name } } }
  }
`);
const FARMS = graphql(`query ResearchFarms { farms { name groups { id } } }`);

const sheep = (member: Member, externalId: string, visibility: 'PUBLIC' | 'PRIVATE' = 'PRIVATE') =>
  createAnimal(member, { name: externalId, species: 'Sheep', sex: 'FEMALE', externalId, visibility });

describe('traits', () => {
  it('lists the catalog of a species with canonical units, accepted units and ranges', async () => {
    const member = await newOrganization('Trait reader');
    const { traits } = await gqlData(TRAITS, { species: 'sheep' }, member.token);
    expect(traits.map((trait) => trait.id)).toEqual(
      expect.arrayContaining(['birth_weight', 'weaning_weight', 'greasy_fleece_weight', 'fibre_diameter', 'eye_muscle_depth']),
    );
    expect(traits.find((trait) => trait.id === 'birth_weight')).toEqual({
      id: 'birth_weight',
      canonicalUnit: 'kg',
      acceptedUnits: ['kg', 'g', 'lb', 'oz'],
      range: { min: 0.5, max: 12, unit: 'kg' },
    });
    expect((await gqlData(TRAITS, { species: 'ball-python' }, member.token)).traits.map((trait) => trait.id)).toEqual([
      'snout_vent_length',
      'total_length',
      'body_weight',
    ]);
    const unknown = await gql(TRAITS, { species: 'dragon' }, member.token);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'species' });
  });
});

describe('two organisations, through the gateway', () => {
  it('see only their own farms, groups, assignments and measurements, even of a public animal', async () => {
    const [owner, other] = await Promise.all([newOrganization('Farm owner'), newOrganization('Farm neighbour')]);
    const ewe = await sheep(owner, 'EWE-1', 'PUBLIC');
    const { createFarm: home } = await gqlData(CREATE_FARM, { input: { name: 'Home paddocks', latitude: -45.87, longitude: 170.5 } }, owner.token);
    const { createFarm: theirs } = await gqlData(CREATE_FARM, { input: { name: 'Next door', latitude: -45.88, longitude: 170.51 } }, other.token);
    const { createGroup: mob } = await gqlData(CREATE_GROUP, { input: { farmId: home.id, name: 'Mob 1' } }, owner.token);
    await gqlData(ASSIGN, { animal: ewe.id, farm: home.id, from: '2024-03-01' }, owner.token);
    const recorded = await gqlData(
      RECORD,
      { input: { animalId: ewe.id, trait: 'body_weight', value: 132, unit: 'lb', measuredAt: '2024-05-01T00:00:00Z', groupId: mob.id } },
      owner.token,
    );
    expect(recorded.recordMeasurement).toMatchObject({ value: expect.closeTo(59.874193, 5), unit: 'kg', enteredValue: 132, enteredUnit: 'lb', group: { id: mob.id } });

    expect((await gqlData(FARMS_NEAR, { lat: -45.87, lon: 170.5, km: 50 }, owner.token)).farmsNear.map((entry) => entry.farm.name)).toEqual(['Home paddocks']);
    expect((await gqlData(FARMS_NEAR, { lat: -45.87, lon: 170.5, km: 50 }, other.token)).farmsNear.map((entry) => entry.farm.name)).toEqual(['Next door']);
    expect((await gqlData(FARMS, {}, other.token)).farms).toEqual([{ name: 'Next door', groups: [] }]);

    const asOwner = await gqlData(ANIMAL, { id: ewe.id }, owner.token);
    expect(asOwner.animal).toEqual({
      name: 'EWE-1',
      measurements: [{ value: expect.closeTo(59.874193, 5), unit: 'kg' }],
      farmHistory: [{ from: '2024-03-01', farm: { name: 'Home paddocks' } }],
      currentFarm: { farm: { name: 'Home paddocks' } },
    });
    expect((await gqlData(ANIMAL, { id: ewe.id }, other.token)).animal).toEqual({ name: 'EWE-1', measurements: [], farmHistory: [], currentFarm: null });

    // The neighbour may measure the public ewe, but not into the owner's group or farm.
    const footprint = await tenantFootprint('research', other.organizationId);
    const intoForeignGroup = await gql(RECORD, { input: { animalId: ewe.id, trait: 'body_weight', value: 60, unit: 'kg', groupId: mob.id } }, other.token);
    expect(intoForeignGroup.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'groupId' });
    const ontoForeignFarm = await gql(ASSIGN, { animal: ewe.id, farm: home.id, from: '2024-03-01' }, other.token);
    expect(ontoForeignFarm.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'farmId' });
    const importIntoForeignGroup = await gqlData(IMPORT, { csv: `animal,trait,value,unit,date,group\n${ewe.id},body_weight,60,kg,2024-05-01,${mob.id}` }, other.token);
    expect(importIntoForeignGroup.importMeasurements).toEqual({ imported: 0, errors: [{ line: 2, message: `group "${mob.id}" is not one of your groups` }] });
    const byOwnersExternalId = await gqlData(IMPORT, { csv: 'animal,trait,value,unit,date\nEWE-1,body_weight,60,kg,2024-05-01' }, other.token);
    expect(byOwnersExternalId.importMeasurements.errors).toEqual([{ line: 2, message: 'animal "EWE-1" is neither an animal you can see nor one of your external ids' }]);
    expect(await tenantFootprint('research', other.organizationId)).toEqual(footprint);
    expect(theirs.name).toBe('Next door');
  });

  it('refuses out-of-range and wrongly unitised values, coded on their field, writing nothing', async () => {
    const breeder = await newOrganization('Range checked');
    const lamb = await sheep(breeder, 'LAMB-1');
    const footprint = await tenantFootprint('research', breeder.organizationId);
    const attempt = (input: Record<string, unknown>) =>
      gql(RECORD, { input: { animalId: lamb.id, trait: 'birth_weight', value: 4.5, unit: 'kg', ...input } }, breeder.token);

    const tooHeavy = await attempt({ value: 4500 });
    expect(tooHeavy.errors?.[0]).toMatchObject({
      message: 'Birth weight of a sheep must be between 0.5 and 12 kg; 4500 kg is outside that range',
      extensions: { code: 'BAD_USER_INPUT', field: 'value' },
    });
    expect((await attempt({ unit: 'mm' })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'unit' });
    expect((await attempt({ trait: 'snout_vent_length', unit: 'cm' })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'trait' });
    expect((await attempt({ measuredAt: '2999-01-01T00:00:00Z' })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'measuredAt' });
    expect(await tenantFootprint('research', breeder.organizationId)).toEqual(footprint);
  });
});
