import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createIdentitySigner, IDENTITY_HEADER } from '@studbook/platform';
import { createAnimal, gql, newOrganization } from '../support/gateway-client.js';
import { asServiceRole } from '../support/postgres.js';
import { graphql } from '../__generated__/index.js';
import type { TenantIsolationAnimalQuery } from '../__generated__/graphql.js';
import type { GraphQLResponse } from '../../embedded/src/graphql-client.js';

const ANIMAL = graphql(`query TenantIsolationAnimal($id: ID!) { animal(id: $id) { id name } }`);

describe('tenant isolation through the gateway', () => {
  it("organisation B cannot read, update or delete A's private animal", async () => {
    const a = await newOrganization('Alpha');
    const b = await newOrganization('Beta');
    const secret = await createAnimal(a, { name: 'Secret Clown' });

    expect((await gql(ANIMAL, { id: secret.id }, b.token)).data?.animal).toBeNull();
    const list = await gql(graphql(`query TenantIsolationAnimals { animals(first: 500) { edges { node { id } } } }`), {}, b.token);
    expect(list.data?.animals.edges.map((e) => e.node.id)).not.toContain(secret.id);

    const update = await gql(
      graphql(`mutation TenantIsolationRenameTheirs($id: ID!) { updateAnimal(id: $id, input: { name: "Stolen" }) { id } }`),
      { id: secret.id },
      b.token,
    );
    expect(update.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const remove = await gql(graphql(`mutation TenantIsolationDeleteAnimal($id: ID!) { deleteAnimal(id: $id) }`), { id: secret.id }, b.token);
    expect(remove.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    expect((await gql(ANIMAL, { id: secret.id }, a.token)).data?.animal).toEqual({ id: secret.id, name: 'Secret Clown' });
  });

  it("organisation B cannot read, list, update or delete A's lineage-only animal (it is named only in lineages: tests/pedigree)", async () => {
    const a = await newOrganization('Alpha');
    const b = await newOrganization('Beta');
    const stud = await createAnimal(a, { name: 'Lineage Stud', sex: 'MALE', visibility: 'LINEAGE' });

    expect((await gql(ANIMAL, { id: stud.id }, b.token)).data?.animal).toBeNull();
    const list = await gql(graphql(`query TenantIsolationLineageAnimals { animals(first: 500) { edges { node { id } } } }`), {}, b.token);
    expect(list.data?.animals.edges.map((e) => e.node.id)).not.toContain(stud.id);
    const update = await gql(
      graphql(`mutation TenantIsolationRenameLineage($id: ID!) { updateAnimal(id: $id, input: { name: "Stolen" }) { id } }`),
      { id: stud.id },
      b.token,
    );
    expect(update.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const remove = await gql(graphql(`mutation TenantIsolationDeleteLineage($id: ID!) { deleteAnimal(id: $id) }`), { id: stud.id }, b.token);
    expect(remove.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    expect((await gql(ANIMAL, { id: stud.id }, a.token)).data?.animal).toEqual({ id: stud.id, name: 'Lineage Stud' });
  });

  it('public animals are readable by every organisation but changeable only by their owner', async () => {
    const a = await newOrganization('Alpha');
    const b = await newOrganization('Beta');
    const shown = await createAnimal(a, { name: 'Show Pastel', visibility: 'PUBLIC' });
    expect((await gql(ANIMAL, { id: shown.id }, b.token)).data?.animal).toEqual({ id: shown.id, name: 'Show Pastel' });
    const update = await gql(
      graphql(`mutation TenantIsolationRenameOwn($id: ID!) { updateAnimal(id: $id, input: { name: "Mine now" }) { id } }`),
      { id: shown.id },
      b.token,
    );
    expect(update.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await gql(ANIMAL, { id: shown.id }, a.token)).data?.animal?.name).toBe('Show Pastel');
  });

  it('ignores identity and tenant headers sent by a client, even a correctly signed identity', async () => {
    const a = await newOrganization('Alpha');
    const b = await newOrganization('Beta');
    const secret = await createAnimal(a, { name: 'Hidden Pied' });
    // Signed with the real secret: were client headers forwarded, the subgraph would accept it as A.
    const forged = await createIdentitySigner(inject('identityPrivateKey')).sign({ kind: 'user', userId: a.userId, organizationId: a.organizationId, role: 'OWNER' });
    const response = await fetch(inject('gatewayUrl'), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${b.token}`,
        [IDENTITY_HEADER]: forged,
        'x-tenant-id': a.organizationId,
        'x-organization-id': a.organizationId,
      },
      body: JSON.stringify({ query: ANIMAL.toString(), variables: { id: secret.id } }),
    });
    const body = (await response.json()) as GraphQLResponse<TenantIsolationAnimalQuery>;
    expect(body.errors).toBeUndefined();
    expect(body.data!.animal).toBeNull();
  });

  it('an anonymous caller sees no animals at all', async () => {
    const a = await newOrganization('Alpha');
    const shown = await createAnimal(a, { name: 'Public but anonymous', visibility: 'PUBLIC' });
    expect((await gql(ANIMAL, { id: shown.id })).data?.animal).toBeNull();
  });
});

describe('tenant isolation in SQL, as the service role', () => {
  it('returns zero rows with no tenant set, and only own plus public rows with one', async () => {
    const a = await newOrganization('Alpha');
    const b = await newOrganization('Beta');
    const privateAnimal = await createAnimal(a, { name: 'Private' });
    const publicAnimal = await createAnimal(a, { name: 'Public', visibility: 'PUBLIC' });
    const client = await asServiceRole('animal');
    try {
      const ids = [privateAnimal.id, publicAnimal.id];
      const none = await client.query('select id from animals where id = any($1)', [ids]);
      expect(none.rowCount).toBe(0);
      expect((await client.query('select count(*)::int as n from animals')).rows[0].n).toBe(0);

      await client.query('begin');
      await client.query("select set_config('app.current_tenant_id', $1, true)", [b.organizationId]);
      const asB = await client.query('select id from animals where id = any($1)', [ids]);
      expect(asB.rows.map((r) => r.id)).toEqual([publicAnimal.id]);
      const updated = await client.query("update animals set name = 'Hijacked' where id = any($1)", [ids]);
      expect(updated.rowCount).toBe(0);
      const deleted = await client.query('delete from animals where id = any($1)', [ids]);
      expect(deleted.rowCount).toBe(0);
      await expect(
        client.query("insert into animals (tenant_id, name, species_id, sex) values ($1, 'Planted', 'ball-python', 'MALE')", [a.organizationId]),
      ).rejects.toThrow(/row-level security/);
      await client.query('rollback');

      await client.query('begin');
      await client.query("select set_config('app.current_tenant_id', $1, true)", [a.organizationId]);
      const asA = await client.query('select id from animals where id = any($1) order by name', [ids]);
      expect(asA.rows.map((r) => r.id).sort()).toEqual([...ids].sort());
      await client.query('commit');

      // set_config(..., true) lasts one transaction: the pooled connection forgets the tenant.
      expect((await client.query('select count(*)::int as n from animals where id = any($1)', [ids])).rows[0].n).toBe(0);
    } finally {
      await client.end();
    }
  });
});
