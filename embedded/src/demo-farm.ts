import { graphqlData } from './graphql-client.js';

export const DEMO_FARM_NAME = 'Hillside';

const SHEEP = '{ animals(first: 100, filter: { mine: true, species: "Sheep" }) { edges { node { id name hatchDate } } } }';

/**
 * The sheep farm's holding in the Scottish Borders with its management groups (the breeding flock
 * and a group per lamb crop), every sheep assigned from its birth, so the Farms page, a group's
 * monthly means and `farmsNear` have something to show. Checked on its own (found by name), so a
 * flock loaded before farms existed gets it too; true when it was loaded.
 */
export async function loadDemoFarm(url: string, token: string): Promise<boolean> {
  const { farms } = await graphqlData<{ farms: { name: string }[] }>(url, '{ farms { name } }', {}, token);
  if (farms.some((farm) => farm.name === DEMO_FARM_NAME)) return false;
  const { createFarm: farm } = await graphqlData<{ createFarm: { id: string } }>(
    url,
    'mutation($input: FarmInput!) { createFarm(input: $input) { id } }',
    { input: { name: DEMO_FARM_NAME, latitude: 55.547, longitude: -2.841, region: 'Scottish Borders', country: 'GB' } },
    token,
  );
  const group = async (name: string, purpose: string) =>
    (
      await graphqlData<{ createGroup: { id: string } }>(
        url,
        'mutation($input: CreateGroupInput!) { createGroup(input: $input) { id } }',
        { input: { farmId: farm.id, name, purpose } },
        token,
      )
    ).createGroup.id;
  const groups = {
    flock: await group('Breeding flock', 'Rams and ewes of the Romney flock'),
    2023: await group('Lambs 2023', 'The 2023 lamb crop, weighed at birth and weaning'),
    2024: await group('Lambs 2024', 'The 2024 lamb crop, weighed at birth and weaning'),
  };
  const { animals } = await graphqlData<{ animals: { edges: { node: { id: string; name: string; hatchDate: string | null } }[] } }>(url, SHEEP, {}, token);
  const assignments = animals.edges.map(({ node }) => {
    const crop = /^Lamb (2023|2024)-/.exec(node.name)?.[1] as '2023' | '2024' | undefined;
    return { animalId: node.id, groupId: crop ? groups[crop] : groups.flock, from: node.hatchDate ?? '2019-06-01' };
  });
  // One request: aliased mutation fields run in order.
  const fields = assignments.map((_, i) => `a${i}: assignAnimal(animalId: $animal${i}, farmId: $farm, groupId: $group${i}, from: $from${i}) { from }`);
  const params = assignments.map((_, i) => `$animal${i}: ID!, $group${i}: ID!, $from${i}: Date!`);
  const variables = Object.fromEntries([
    ['farm', farm.id],
    ...assignments.flatMap((a, i) => [
      [`animal${i}`, a.animalId],
      [`group${i}`, a.groupId],
      [`from${i}`, a.from],
    ]),
  ]);
  if (assignments.length > 0) await graphqlData(url, `mutation($farm: ID!, ${params.join(', ')}) { ${fields.join('\n')} }`, variables, token);
  return true;
}
