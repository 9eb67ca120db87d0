import type { RunningPlatform } from '../embedded/src/platform.js';
import { batchMutation } from '../embedded/src/batch-mutations.js';
import { graphqlData } from '../embedded/src/graphql-client.js';
import { ms, percentile, timed } from './stats.js';

const PAGE = `query($species: String) { animals(first: 200, filter: { species: $species }) { edges { node { id name sire { name } dam { name } } } } }`;
const OWN_PAGE = `{ animals(first: 200, filter: { mine: true }) { edges { node { id name sire { name } dam { name } } } } }`;
const ONE = `query($id: ID!) { animal(id: $id) { name measurements { value } pedigree(generations: 4) { nodes { position animal { name } } } } }`;

/** Polls `check` until it holds; a grant that never arrives fails the run instead of hanging it. */
async function until(check: () => Promise<boolean>, limitMs = 10_000): Promise<void> {
  for (const start = performance.now(); !(await check()); await new Promise((resolve) => setTimeout(resolve, 5))) {
    if (performance.now() - start > limitMs) throw new Error(`not within ${limitMs} ms`);
  }
}

async function signUp(url: string, label: string): Promise<{ token: string; email: string }> {
  const email = `bench-${label}-${Date.now()}@example.test`;
  const { signUp } = await graphqlData(url, 'mutation($input: SignUpInput!) { signUp(input: $input) { token } }', {
    input: { email, password: 'correct horse battery', name: label, organizationName: `${label} org` },
  });
  return { token: signUp.token, email };
}

/**
 * What sharing through project grants costs: a page of PRIVATE animals read by a project member
 * through a species grant (with the read logged) against the owner reading the same page, a
 * caller without grants, and how long a revocation takes to be seen.
 */
export async function benchProjects(platform: RunningPlatform, size = 1_000): Promise<string> {
  const url = platform.gatewayUrl;
  const [owner, researcher, stranger] = [await signUp(url, 'Owner'), await signUp(url, 'Researcher'), await signUp(url, 'Stranger')];
  const parents = await batchMutation(url, owner.token, 'createAnimal', 'CreateAnimalInput', [
    { name: 'Sire', species: 'Sheep', sex: 'MALE', hatchDate: '2015-03-01' },
    { name: 'Dam', species: 'Sheep', sex: 'FEMALE', hatchDate: '2015-03-01' },
  ]);
  const animals: string[] = [];
  for (let start = 0; start < size; start += 100) {
    const inputs = Array.from({ length: Math.min(100, size - start) }, (_, i) => ({
      name: `Lamb ${start + i}`,
      species: 'Sheep',
      sex: i % 2 ? 'FEMALE' : 'MALE',
      hatchDate: '2020-04-01',
      sireId: parents[0],
      damId: parents[1],
    }));
    animals.push(...(await batchMutation(url, owner.token, 'createAnimal', 'CreateAnimalInput', inputs)));
  }
  const { createResearchProject: project } = await graphqlData(url, 'mutation { createResearchProject(input: { title: "Bench project" }) { id } }', {}, owner.token);
  const { addProjectMember } = await graphqlData(
    url,
    'mutation($p: ID!, $e: String!) { addProjectMember(projectId: $p, email: $e, role: ANALYST) { token } }',
    { p: project.id, e: researcher.email },
    owner.token,
  );
  await graphqlData(url, 'mutation($t: String!) { acceptProjectInvitation(token: $t) { userId } }', { t: addProjectMember.token }, researcher.token);
  await graphqlData(url, 'mutation($p: ID!) { grantProjectAccess(projectId: $p, selection: { species: "sheep" }) { id } }', { p: project.id }, owner.token);
  const visible = async () => (await graphqlData(url, ONE, { id: animals[0] }, researcher.token)).animal !== null;
  await until(visible);

  const run = async (label: string, requests: number, operation: (i: number) => Promise<unknown>) => {
    for (let i = 0; i < 5; i++) await operation(i);
    const samples: number[] = [];
    for (let i = 0; i < requests; i++) samples.push(await timed(() => operation(i)));
    return { label, samples };
  };
  const series = [
    await run('owner: 200 of their own animals with parents', 60, () => graphqlData(url, OWN_PAGE, {}, owner.token)),
    await run('member: 200 shared PRIVATE animals with parents (read logged)', 60, () => graphqlData(url, PAGE, { species: 'Sheep' }, researcher.token)),
    await run('no grants: a page of animals (sees none of them)', 60, () => graphqlData(url, PAGE, { species: 'Sheep' }, stranger.token)),
    await run('member: one shared animal, measurements, 4-generation pedigree', 100, (i) => graphqlData(url, ONE, { id: animals[i % animals.length] }, researcher.token)),
  ];

  // Revocation to invisibility, as a member polling through the gateway sees it: a python listed by a grant of its own (the species grant covers only sheep).
  const [python] = await batchMutation(url, owner.token, 'createAnimal', 'CreateAnimalInput', [{ name: 'Listed python', species: 'Ball python', sex: 'FEMALE' }]);
  const revocations: number[] = [];
  for (let i = 0; i < 5; i++) {
    const { grantProjectAccess: grant } = await graphqlData(
      url,
      'mutation($p: ID!, $a: [ID!]) { grantProjectAccess(projectId: $p, selection: { animalIds: $a }) { id } }',
      { p: project.id, a: [python] },
      owner.token,
    );
    const pythonVisible = async () => (await graphqlData(url, ONE, { id: python }, researcher.token)).animal !== null;
    await until(pythonVisible);
    const start = performance.now();
    await graphqlData(url, 'mutation($id: ID!) { revokeProjectGrant(id: $id) }', { id: grant.id }, owner.token);
    await until(async () => !(await pythonVisible()));
    revocations.push(performance.now() - start);
  }

  const ratio = percentile(series[1].samples, 50) / percentile(series[0].samples, 50);
  return [
    `${size} PRIVATE sheep of one organisation, shared with a project member of another by one species grant.`,
    '',
    '| operation (through the gateway, sequential) | requests | p50 | p99 |',
    '| --- | --- | --- | --- |',
    ...series.map((s) => `| ${s.label} | ${s.samples.length} | ${ms(percentile(s.samples, 50))} | ${ms(percentile(s.samples, 99))} |`),
    '',
    `- A page read through a grant takes ${ratio.toFixed(2)}× the owner's own page (p50): the policy's grant lookup, evaluated once per statement, and the logged read.`,
    `- Revocation to invisibility (mutation, outbox, stream, the animal database's copy, next read), 5 times: p50 ${ms(percentile(revocations, 50))}, max ${ms(Math.max(...revocations))}.`,
  ].join('\n');
}
