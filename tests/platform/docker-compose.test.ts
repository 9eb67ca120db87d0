import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { animalEnv } from '../../subgraphs/animal/src/env.js';
import { commerceEnv } from '../../subgraphs/commerce/src/env.js';
import { researchEnv } from '../../subgraphs/research/src/env.js';
import { userEnv } from '../../subgraphs/user/src/env.js';
import { gatewayEnv } from '../../gateway/src/env.js';

interface ComposeService {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

const composeText = readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8');

/** Docker Compose's ${VAR}, ${VAR:-default} and ${VAR:?error} interpolation, for the variables given. */
function interpolate(text: string, variables: Record<string, string>): string {
  return text.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_, name: string, kind: string | undefined, rest: string) => {
    if (variables[name]) return variables[name];
    if (kind === '?') throw new Error(`${name}: ${rest}`);
    return kind === '-' ? rest : '';
  });
}

const TEST_SECRET = 'a'.repeat(64);
const TEST_PROFILE_KEYS = `k1:${Buffer.alloc(32, 7).toString('base64')}`;
const compose = parse(interpolate(composeText, { IDENTITY_SECRET: TEST_SECRET, PROFILE_ENCRYPTION_KEYS: TEST_PROFILE_KEYS }), { merge: true }) as { services: Record<string, ComposeService> };
const services = compose.services;

/** Each deployable's own config parser must accept what compose gives it. */
const APPS = {
  animal: { parseEnv: animalEnv, needs: ['postgres', 'redis'] },
  commerce: { parseEnv: commerceEnv, needs: ['postgres', 'redis', 'animal'] },
  research: { parseEnv: researchEnv, needs: ['postgres', 'redis', 'animal'] },
  user: { parseEnv: userEnv, needs: ['dynamodb', 'redis'] },
  gateway: { parseEnv: gatewayEnv, needs: ['animal', 'commerce', 'research', 'user'] },
} as const;

describe('docker-compose.yml', () => {
  it('declares the stores and every deployable', () => {
    expect(Object.keys(services).sort()).toEqual(['animal', 'commerce', 'dynamodb', 'gateway', 'postgres', 'redis', 'research', 'user']);
    expect(services.postgres.image).toMatch(/^postgres:15/);
    expect(services.redis.image).toMatch(/^redis:7/);
    expect(services.dynamodb.image).toBe('amazon/dynamodb-local');
  });

  it('gives every service a health check', () => {
    for (const [name, service] of Object.entries(services)) expect(service.healthcheck?.test, name).toBeDefined();
  });

  it.each(Object.entries(APPS))('starts %s only once what it needs is healthy, with a config it accepts', (name, app) => {
    const service = services[name];
    expect(service.build).toBe('.');
    expect(service.command?.join(' ')).toContain(`@studbook/${name}`);
    expect(Object.keys(service.depends_on ?? {}).sort()).toEqual([...app.needs].sort());
    for (const dependency of Object.values(service.depends_on ?? {})) expect(dependency.condition).toBe('service_healthy');
    expect(() => app.parseEnv(service.environment as NodeJS.ProcessEnv)).not.toThrow();
  });

  it('routes the gateway to the subgraphs on the ports they listen on', () => {
    const gateway = services.gateway.environment!;
    for (const name of ['animal', 'commerce', 'research', 'user']) {
      expect(gateway[`${name.toUpperCase()}_URL`]).toBe(`http://${name}:${services[name].environment!.PORT}/graphql`);
    }
  });

  it('shares one identity secret, which the operator must supply, between the gateway and the subgraphs', () => {
    const secrets = new Set(Object.keys(APPS).map((name) => services[name].environment!.IDENTITY_SECRET));
    expect([...secrets]).toEqual([TEST_SECRET]);
    expect(() => interpolate(composeText, {})).toThrow(/IDENTITY_SECRET/);
  });

  it('publishes only the gateway', () => {
    const published = Object.entries(services).filter(([, service]) => (service as { ports?: unknown }).ports).map(([name]) => name);
    expect(published).toEqual(['gateway']);
  });
});
