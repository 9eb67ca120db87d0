import { randomBytes } from 'node:crypto';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { dynamoImplementations } from '../../../../../tests/support/dynamo-servers.js';
import { as, asData, codes, signUpMember } from '../../testing/members.js';
import { startForEachTest, startUserSubgraphHarness, type UserSubgraphHarness } from '../../testing/user-subgraph-harness.js';
import { createFieldCipher } from './field-cipher.js';

interface Profile {
  phone: string | null;
  address: string | null;
  locale: string | null;
  timeZone: string | null;
}

interface ProfileOwner {
  name: string;
  profile: Profile;
}

const UPDATE = /* GraphQL */ `
  mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { id name profile { phone address locale timeZone } } }
`;
const ME = /* GraphQL */ `{ me { name profile { phone address locale timeZone } } }`;
const USER = /* GraphQL */ `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { name profile { phone } } } }`;

const oldKey = randomBytes(32).toString('base64');
const newKey = randomBytes(32).toString('base64');
const beforeRotation = createFieldCipher(`k1:${oldKey}`, 'k1').cipher;
const afterRotation = createFieldCipher(`k1:${oldKey},k2:${newKey}`, 'k2').cipher;

describe.each(dynamoImplementations())('profiles on $name', (implementation) => {
  let subgraph: UserSubgraphHarness;
  startForEachTest(implementation, (started) => (subgraph = started), { cipher: beforeRotation });

  const rawProfile = async (userId: string) =>
    (await subgraph.dynamo.send(new GetCommand({ TableName: subgraph.tableName, Key: { PK: `USER#${userId}`, SK: 'PROFILE' }, ConsistentRead: true }))).Item!;

  it('validates, canonicalises and stores phone and address encrypted, readable only by the user', async () => {
    const ada = await signUpMember(subgraph);
    const input = { name: ' Ada Lovelace ', phone: '+44 20 7946 0958', address: '12 Ridge Lane, Hay-on-Wye, HR3 5AA', locale: 'en-gb', timeZone: 'europe/london' };
    const updated = (await asData<{ updateProfile: ProfileOwner }>(subgraph, ada.token, UPDATE, { input })).updateProfile;
    expect(updated).toMatchObject({
      name: 'Ada Lovelace',
      profile: { phone: '+44 20 7946 0958', address: '12 Ridge Lane, Hay-on-Wye, HR3 5AA', locale: 'en-GB', timeZone: 'Europe/London' },
    });
    expect((await asData(subgraph, ada.token, ME)).me).toEqual({ name: updated.name, profile: updated.profile });

    const raw = await rawProfile(ada.userId);
    const text = JSON.stringify(raw);
    for (const clear of ['7946', 'Ridge Lane', 'HR3']) expect(text).not.toContain(clear);
    expect(raw.phoneEnc).toMatch(/^v1\.k1\./);
    expect(raw.addressEnc).toMatch(/^v1\.k1\./);
    expect(raw).not.toHaveProperty('phone');

    // Anyone else sees the user, but not the profile.
    const bea = await signUpMember(subgraph);
    const seen = await asData(subgraph, bea.token, USER, { reps: [{ __typename: 'User', id: ada.userId }] });
    expect(seen._entities).toEqual([{ name: 'Ada Lovelace', profile: null }]);

    // Omitted fields stay, null clears.
    const cleared = (await asData<{ updateProfile: ProfileOwner }>(subgraph, ada.token, UPDATE, { input: { phone: null } })).updateProfile.profile;
    expect(cleared).toEqual({ ...updated.profile, phone: null });
    expect(await rawProfile(ada.userId)).not.toHaveProperty('phoneEnc');
  });

  it.each([
    ['locale', { locale: 'not a locale!' }],
    ['timeZone', { timeZone: 'Mars/Olympus_Mons' }],
    ['phone', { phone: 'call me maybe' }],
    ['address', { address: 'x'.repeat(501) }],
    ['name', { name: '  ' }],
  ])('refuses a bad %s and writes nothing', async (field, input) => {
    const ada = await signUpMember(subgraph);
    const before = await rawProfile(ada.userId);
    const response = await as(subgraph, ada.token, UPDATE, { input: { phone: '+1 555 0100', ...input } });
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].extensions!.field).toBe(field);
    expect(await rawProfile(ada.userId)).toEqual(before);
  });

  it('binds ciphertexts to their user and field: a value copied elsewhere does not decrypt', async () => {
    const ada = await signUpMember(subgraph);
    await asData(subgraph, ada.token, UPDATE, { input: { phone: '+1 555 0100', address: 'Farm Road 1' } });
    const raw = await rawProfile(ada.userId);
    // The phone ciphertext moved into the address field: authentication fails, nothing leaks.
    await subgraph.dynamo.send(
      new UpdateCommand({
        TableName: subgraph.tableName,
        Key: { PK: `USER#${ada.userId}`, SK: 'PROFILE' },
        UpdateExpression: 'SET addressEnc = :phone',
        ExpressionAttributeValues: { ':phone': raw.phoneEnc },
      }),
    );
    const response = await as(subgraph, ada.token, ME);
    expect(codes(response)).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(JSON.stringify(response)).not.toContain('555');
  });

  it('reads values written under a rotated-out key and re-encrypts them with the active key on the next save', async () => {
    const ada = await signUpMember(subgraph);
    await asData(subgraph, ada.token, UPDATE, { input: { phone: '+1 555 0100', address: 'Farm Road 1' } });
    expect((await rawProfile(ada.userId)).phoneEnc).toMatch(/^v1\.k1\./);

    // The same table, served by a subgraph whose key ring has a new active key.
    const restarted = await startUserSubgraphHarness(subgraph.endpoint, { cipher: afterRotation, tableName: subgraph.tableName });
    try {
      expect((await asData<{ me: ProfileOwner }>(restarted, ada.token, ME)).me.profile).toMatchObject({ phone: '+1 555 0100', address: 'Farm Road 1' });
      await asData(restarted, ada.token, UPDATE, { input: { locale: 'de-DE' } });
      const raw = await rawProfile(ada.userId);
      expect(raw.phoneEnc).toMatch(/^v1\.k2\./);
      expect(raw.addressEnc).toMatch(/^v1\.k2\./);
      expect((await asData<{ me: ProfileOwner }>(restarted, ada.token, ME)).me.profile).toEqual({
        phone: '+1 555 0100',
        address: 'Farm Road 1',
        locale: 'de-DE',
        timeZone: null,
      });
    } finally {
      await restarted.stop();
    }
  });
});
