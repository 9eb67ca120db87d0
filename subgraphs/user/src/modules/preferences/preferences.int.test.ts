import { describe, expect, it } from 'vitest';
import { createIdentityVerifier, type Identity } from '@studbook/platform';
import { dynamoImplementations } from '../../../../../tests/support/dynamo-servers.js';
import { as, asData, codes, signUpMember } from '../../testing/members.js';
import { IDENTITY_KEYS, startForEachTest, type UserSubgraphHarness } from '../../testing/user-subgraph-harness.js';
import { matchSpecies, type SpeciesCatalog } from './species-catalog.js';

/**
 * The animal subgraph's catalog stands in here (tests/api/strict-input.int.test.ts asks the
 * real one through the gateway); it records who asked, to show the caller's own token is forwarded.
 */
const askedBy: (Identity | null)[] = [];
const verifier = createIdentityVerifier(IDENTITY_KEYS.publicKey);
const catalog: SpeciesCatalog = {
  async find(name, callerToken) {
    askedBy.push(await verifier.verify(callerToken));
    return matchSpecies(
      [
        { id: 'ball-python', commonName: 'Ball python', scientificName: 'Python regius' },
        { id: 'sheep', commonName: 'Sheep', scientificName: 'Ovis aries' },
      ],
      name,
    );
  },
};

const FIELDS = 'units defaultSpecies pedigreeDepth notifications { breedingEvents marketplaceActivity weeklyDigest } version';
const MINE = `{ myPreferences { ${FIELDS} } }`;
const ORGANIZATION = `{ organizationPreferences { ${FIELDS} } }`;
const UPDATE_MINE = `mutation ($input: PreferencesInput!, $v: Int!) { updateMyPreferences(input: $input, expectedVersion: $v) { ${FIELDS} updatedAt } }`;
const UPDATE_ORGANIZATION = `mutation ($input: PreferencesInput!, $v: Int!) { updateOrganizationPreferences(input: $input, expectedVersion: $v) { ${FIELDS} } }`;
const INVITE = `mutation ($email: String!) { inviteMember(email: $email, role: MEMBER) { token } }`;
const ACCEPT = `mutation ($token: String!) { acceptInvitation(token: $token) { role } }`;
const SWITCH = `mutation ($id: ID!) { switchOrganization(organizationId: $id) { role } }`;

describe.each(dynamoImplementations())('preferences on $name', (implementation) => {
  let subgraph: UserSubgraphHarness;
  startForEachTest(implementation, (started) => (subgraph = started), { speciesCatalog: catalog });

  it('starts from defaults, saves with versions and refuses a stale write with CONFLICT', async () => {
    const ada = await signUpMember(subgraph);
    expect((await asData(subgraph, ada.token, MINE)).myPreferences).toEqual({
      units: 'METRIC',
      defaultSpecies: null,
      pedigreeDepth: 4,
      notifications: { breedingEvents: true, marketplaceActivity: true, weeklyDigest: false },
      version: 0,
    });
    const saved = (
      await asData(subgraph, ada.token, UPDATE_MINE, { input: { units: 'IMPERIAL', defaultSpecies: ' Ball python ', notifications: { weeklyDigest: true } }, v: 0 })
    ).updateMyPreferences;
    expect(saved).toMatchObject({
      units: 'IMPERIAL',
      defaultSpecies: 'Ball python',
      pedigreeDepth: 4,
      notifications: { weeklyDigest: true, breedingEvents: true },
      version: 1,
    });

    // Two tabs edited version 1: the first save wins, the second is told and writes nothing.
    const first = await as(subgraph, ada.token, UPDATE_MINE, { input: { pedigreeDepth: 6 }, v: 1 });
    expect(first.errors).toBeUndefined();
    const stale = await as(subgraph, ada.token, UPDATE_MINE, { input: { pedigreeDepth: 8 }, v: 1 });
    expect(codes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors![0].message).toMatch(/reload/);
    expect((await asData(subgraph, ada.token, MINE)).myPreferences).toMatchObject({ pedigreeDepth: 6, version: 2 });
  });

  it('lets exactly one of several concurrent saves of the same version win', async () => {
    const ada = await signUpMember(subgraph);
    const saves = await Promise.all([3, 5, 7, 9].map((depth) => as(subgraph, ada.token, UPDATE_MINE, { input: { pedigreeDepth: depth }, v: 0 })));
    expect(saves.filter((r) => !r.errors)).toHaveLength(1);
    expect(saves.filter((r) => codes(r)[0] === 'CONFLICT')).toHaveLength(3);
    expect((await asData<{ myPreferences: { version: number } }>(subgraph, ada.token, MINE)).myPreferences.version).toBe(1);
  });

  it.each([
    ['pedigreeDepth', { pedigreeDepth: 0 }],
    ['pedigreeDepth', { pedigreeDepth: 11 }],
    ['defaultSpecies', { defaultSpecies: 'x'.repeat(101) }],
    ['defaultSpecies', { defaultSpecies: 'Dragon', pedigreeDepth: 5 }],
  ])('refuses a bad %s and writes nothing', async (field, input) => {
    const ada = await signUpMember(subgraph);
    const response = await as(subgraph, ada.token, UPDATE_MINE, { input, v: 0 });
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].extensions!.field).toBe(field);
    expect((await subgraph.allItems()).filter((item) => item.SK === 'PREFS')).toEqual([]);
  });

  it('stores a default species as the catalog names it, asking as the caller', async () => {
    const ada = await signUpMember(subgraph);
    askedBy.length = 0;
    const saved = (await asData(subgraph, ada.token, UPDATE_MINE, { input: { defaultSpecies: 'ovis ARIES' }, v: 0 })).updateMyPreferences;
    expect(saved).toMatchObject({ defaultSpecies: 'Sheep', version: 1 });
    expect(askedBy).toEqual([{ kind: 'user', userId: ada.userId, organizationId: ada.organizationId, role: 'OWNER' }]);
    // Clearing it, or saving other fields, asks nothing.
    await asData(subgraph, ada.token, UPDATE_MINE, { input: { defaultSpecies: null }, v: 1 });
    await asData(subgraph, ada.token, UPDATE_MINE, { input: { pedigreeDepth: 7 }, v: 2 });
    expect(askedBy).toHaveLength(1);
  });

  it('keeps organisation defaults that OWNER and ADMIN set and members start from', async () => {
    const owner = await signUpMember(subgraph);
    const bea = await signUpMember(subgraph);
    const { token } = (await asData<{ inviteMember: { token: string } }>(subgraph, owner.token, INVITE, { email: bea.email })).inviteMember;
    await asData(subgraph, bea.token, ACCEPT, { token });
    await asData(subgraph, bea.token, SWITCH, { id: owner.organizationId });

    expect(codes(await as(subgraph, bea.token, UPDATE_ORGANIZATION, { input: { units: 'IMPERIAL' }, v: 0 }))).toEqual(['FORBIDDEN']);
    const defaults = (await asData(subgraph, owner.token, UPDATE_ORGANIZATION, { input: { units: 'IMPERIAL', pedigreeDepth: 3 }, v: 0 })).updateOrganizationPreferences;
    expect(defaults).toMatchObject({ units: 'IMPERIAL', pedigreeDepth: 3, version: 1 });
    expect((await asData(subgraph, bea.token, ORGANIZATION)).organizationPreferences).toEqual(defaults);
    // Bea has not saved her own yet: she starts from the organisation's.
    expect((await asData(subgraph, bea.token, MINE)).myPreferences).toMatchObject({ units: 'IMPERIAL', pedigreeDepth: 3, version: 0 });
    expect(codes(await as(subgraph, owner.token, UPDATE_ORGANIZATION, { input: { units: 'METRIC' }, v: 0 }))).toEqual(['CONFLICT']);
  });
});
