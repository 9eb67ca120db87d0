import { batchMutation } from './batch-mutations.js';
import { loadBreedingSessions } from './demo-breeding.js';
import { loadDemoEvaluation } from './demo-evaluation.js';
import { loadDemoFarm } from './demo-farm.js';
import { loadDemoPhotos } from './demo-photos.js';
import { loadDemoSales } from './demo-sales.js';
import { loadDemoProject } from './demo-project.js';
import { random } from './demo-random.js';
import { graphqlData, graphqlRequest } from './graphql-client.js';

export const DEMO_PASSWORD = 'studbook-demo';
export const DEMO_USERS = {
  reptiles: { email: 'demo@studbook.dev', name: 'Robin Keeper', organizationName: 'Morph Masters Reptiles' },
  sheep: { email: 'farm@studbook.dev', name: 'Morag Shepherd', organizationName: 'Hillside Sheep Farm' },
} as const;

const PYTHON_MORPHS = ['Normal', 'Pastel', 'Clown', 'Pied', 'Banana', 'Mojave', 'Lesser', 'Yellow Belly', 'Spider', 'Pinstripe', 'Enchi', 'Fire', 'Albino', 'Cinnamon'];
const NAMES = ['Nova', 'Juniper', 'Atlas', 'Saffron', 'Onyx', 'Maple', 'Indigo', 'Pepper', 'Sable', 'Echo', 'Clementine', 'Orion', 'Willow', 'Basil', 'Ember', 'Lyra'];

interface Created {
  id: string;
  sex: 'MALE' | 'FEMALE';
}

/**
 * Loads each demo organisation whose herd is still empty, so a start that was interrupted
 * while loading picks up where it stopped (an organisation with some animals is left as it is).
 */
export async function loadDemoData(gatewayUrl: string): Promise<'loaded' | 'present'> {
  let loaded = false;
  for (const [user, load] of [
    [DEMO_USERS.reptiles, loadBallPythons],
    [DEMO_USERS.sheep, loadSheepFlock],
  ] as const) {
    const token = await signInOrUp(gatewayUrl, user);
    const { animals } = await graphqlData(gatewayUrl, '{ animals(first: 1, filter: { mine: true }) { edges { node { id } } } }', {}, token);
    if (animals.edges.length > 0) continue;
    await load(gatewayUrl, token);
    loaded = true;
  }
  // Checked on its own, so a herd loaded before breeding sessions existed gets them too.
  if (await loadBreedingSessions(gatewayUrl, await signInOrUp(gatewayUrl, DEMO_USERS.reptiles))) loaded = true;
  // Likewise the marketplace's sales, for listings loaded before sales existed; before the photos,
  // which then cover the public animals the sales made (the farm's rams and its python) as well.
  if (await loadDemoSales(gatewayUrl, await signInOrUp(gatewayUrl, DEMO_USERS.reptiles), await signInOrUp(gatewayUrl, DEMO_USERS.sheep))) loaded = true;
  // Likewise photos, for a herd loaded before media existed.
  for (const user of [DEMO_USERS.reptiles, DEMO_USERS.sheep]) if (await loadDemoPhotos(gatewayUrl, await signInOrUp(gatewayUrl, user))) loaded = true;
  // The flock's farm and management groups, for a flock loaded before farms existed.
  if (await loadDemoFarm(gatewayUrl, await signInOrUp(gatewayUrl, DEMO_USERS.sheep))) loaded = true;
  // And the sheep farm's research project, shared with the reptile keeper as a researcher.
  const researcher = { token: await signInOrUp(gatewayUrl, DEMO_USERS.reptiles), email: DEMO_USERS.reptiles.email };
  if (await loadDemoProject(gatewayUrl, await signInOrUp(gatewayUrl, DEMO_USERS.sheep), researcher)) loaded = true;
  // And the flock's evaluation, for a flock weighed before evaluations existed.
  if (await loadDemoEvaluation(gatewayUrl, await signInOrUp(gatewayUrl, DEMO_USERS.sheep))) loaded = true;
  return loaded ? 'loaded' : 'present';
}

async function signInOrUp(url: string, user: { email: string; name: string; organizationName: string }): Promise<string> {
  const signIn = await graphqlRequest(url, 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }', { e: user.email, p: DEMO_PASSWORD });
  if (signIn.data) return signIn.data.signIn.token;
  const data = await graphqlData<{ signUp: { token: string } }>(url, 'mutation($input: SignUpInput!) { signUp(input: $input) { token } }', {
    input: { ...user, password: DEMO_PASSWORD },
  });
  return data.signUp.token;
}

async function createAnimals(url: string, token: string, inputs: { sex: string }[]): Promise<Created[]> {
  const ids = await batchMutation(url, token, 'createAnimal', 'CreateAnimalInput', inputs);
  return ids.map((id, i) => ({ id, sex: inputs[i].sex as Created['sex'] }));
}

/** Six generations of ball pythons from ten founders, with morphs in their names. */
async function loadBallPythons(url: string, token: string): Promise<void> {
  const next = random(7);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const founders = Array.from({ length: 10 }, (_, i) => ({
    name: `${NAMES[i]} (${pick(PYTHON_MORPHS)})`,
    species: 'Ball python',
    sex: i < 4 ? 'MALE' : 'FEMALE',
    hatchDate: `${2008 + (i % 3)}-0${1 + (i % 9)}-15`,
    visibility: 'PUBLIC',
  }));
  let generation = await createAnimals(url, token, founders);
  const publicLatest: string[] = [];
  for (let g = 1; g <= 5; g++) {
    const males = generation.filter((a) => a.sex === 'MALE');
    const females = generation.filter((a) => a.sex === 'FEMALE');
    const clutch = Array.from({ length: 12 }, (_, i) => {
      const morphs = [pick(PYTHON_MORPHS), pick(PYTHON_MORPHS)].filter((m) => m !== 'Normal');
      return {
        name: `${NAMES[(g * 5 + i) % NAMES.length]} G${g}-${i + 1} (${[...new Set(morphs)].join(' ') || 'Normal'})`,
        species: 'Ball python',
        sex: i % 2 === 0 ? 'MALE' : 'FEMALE',
        hatchDate: `${2010 + g * 3}-0${1 + (i % 9)}-${10 + (i % 18)}`,
        visibility: g >= 4 && i % 3 === 0 ? 'PUBLIC' : 'PRIVATE',
        sireId: males[i % males.length].id,
        damId: females[i % females.length].id,
      };
    });
    generation = await createAnimals(url, token, clutch);
    if (g === 5) publicLatest.push(...generation.filter((_, i) => clutch[i].visibility === 'PUBLIC').map((animal) => animal.id));
  }
  await batchMutation(
    url,
    token,
    'createListing',
    'CreateListingInput',
    publicLatest.map((animalId, i) => ({ animalId, price: 150 + i * 75, currency: 'EUR' })),
  );
}

/** A flock of 3 rams and 20 ewes with two lamb crops, weighed at birth and weaning. */
async function loadSheepFlock(url: string, token: string): Promise<void> {
  const next = random(11);
  const founders = Array.from({ length: 23 }, (_, i) => ({
    name: i < 3 ? `Ram ${100 + i}` : `Ewe ${200 + i}`,
    species: 'Sheep',
    sex: i < 3 ? 'MALE' : 'FEMALE',
    hatchDate: `2019-0${3 + (i % 3)}-${10 + (i % 18)}`,
  }));
  const flock = await createAnimals(url, token, founders);
  const rams = flock.filter((a) => a.sex === 'MALE');
  const ewes = flock.filter((a) => a.sex === 'FEMALE');
  const lambs: Created[] = [];
  for (const year of [2023, 2024]) {
    const crop = ewes.map((ewe, i) => ({
      name: `Lamb ${year}-${String(i + 1).padStart(2, '0')}`,
      species: 'Sheep',
      sex: i % 2 === 0 ? 'MALE' : 'FEMALE',
      hatchDate: `${year}-04-${String(1 + (i % 28)).padStart(2, '0')}`,
      sireId: rams[i % rams.length].id,
      damId: ewe.id,
    }));
    lambs.push(...(await createAnimals(url, token, crop)));
  }
  const measurements = lambs.flatMap((lamb, i) => [
    { animalId: lamb.id, trait: 'birth_weight', value: round(3.5 + next() * 2.5), unit: 'kg', measuredAt: `${i < 20 ? 2023 : 2024}-04-20T08:00:00Z` },
    { animalId: lamb.id, trait: 'weaning_weight', value: round(24 + next() * 12), unit: 'kg', measuredAt: `${i < 20 ? 2023 : 2024}-07-20T08:00:00Z` },
  ]);
  await batchMutation(url, token, 'recordMeasurement', 'RecordMeasurementInput', measurements);
}

const round = (value: number) => Math.round(value * 10) / 10;
