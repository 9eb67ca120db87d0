import { describe, expect, inject, it } from 'vitest';
import { auditServer } from 'graphql-http';

/**
 * The GraphQL-over-HTTP server audit (graphql-http) against the running gateway. Every MUST audit
 * passes; the SHOULD and MAY audits we deliberately depart from are pinned here (README, "GraphQL
 * over HTTP"), so a change in either direction is a decision, not an accident.
 */
describe('GraphQL over HTTP conformance', () => {
  it('passes every MUST audit and departs only from the SHOULDs and MAYs we decided on', async () => {
    const results = await auditServer({ url: inject('gatewayUrl') });
    const byStatus = (status: string) => results.filter((result) => result.status === status).map((result) => `${result.id} ${result.name}`);
    expect(results.length).toBeGreaterThan(50);
    expect(byStatus('error')).toEqual([]);
    // application/json clients get 400 for a request that cannot run, as graphql-response+json ones do.
    expect(byStatus('warn')).toEqual([
      '572B SHOULD use 200 status code on document parsing failure when accepting application/json',
      'FDE2 SHOULD use 200 status code on document validation failure when accepting application/json',
      '7B9B SHOULD use a status code of 200 on variable coercion failure when accepting application/json',
    ]);
    // GET without a preflight-forcing header is refused (CSRF prevention): a page cannot make a browser run a query.
    expect(byStatus('notice')).toEqual([
      '5A70 MAY accept application/x-www-form-urlencoded formatted GET requests',
      'D6D5 MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/graphql-response+json',
      '6A70 MAY allow URL-encoded JSON string {variables} parameter in GETs when accepting application/json',
    ]);
  });

  it('runs a GET query that carries a preflight-forcing header', async () => {
    const url = new URL(inject('gatewayUrl'));
    url.searchParams.set('query', '{ __typename }');
    const refused = await fetch(url, { headers: { accept: 'application/json' } });
    expect(refused.status).toBe(400);
    const allowed = await fetch(url, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect([allowed.status, await allowed.json()]).toEqual([200, { data: { __typename: 'Query' } }]);
  });
});
