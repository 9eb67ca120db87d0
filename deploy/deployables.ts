import type { IIoK8sApiCoreV1EnvVar } from 'kubernetes-models/v1/EnvVar';
import { configValue, secretValue } from './env-refs.js';

/** One long-running service of the federation as Kubernetes runs it. */
export interface Deployable {
  name: 'gateway' | 'animal' | 'commerce' | 'research' | 'user';
  port: number;
  replicas: { min: number; max: number };
  resources: { cpu: string; memory: string; cpuLimit: string; memoryLimit: string };
  env: IIoK8sApiCoreV1EnvVar[];
}

/** The cluster-internal address of a subgraph's GraphQL endpoint (its Service's DNS name). */
export function subgraphUrl(name: Deployable['name'], port: number): string {
  return `http://studbook-${name}:${port}/graphql`;
}

const PORTS = { gateway: 4000, animal: 4001, commerce: 4002, research: 4003, user: 4004 } as const;
const shared = [configValue('HOST'), configValue('NODE_ENV'), configValue('EVENTS_NAMESPACE'), secretValue('REDIS_URL', 'studbook-redis', 'url')];
/** Subgraphs verify identity tokens with the public key only: none of them can mint one. */
const subgraph = [...shared, secretValue('IDENTITY_PUBLIC_KEY', 'studbook-identity-public', 'public-key')];
/** The RLS-bound role's URL; the superuser URL is the migration Job's alone. */
const sqlSubgraph = (name: 'animal' | 'commerce' | 'research') => [...subgraph, secretValue('DATABASE_URL', 'studbook-database', `${name}-url`)];
const animalUrl = { name: 'ANIMAL_SUBGRAPH_URL', value: subgraphUrl('animal', PORTS.animal) };

export const DEPLOYABLES: Deployable[] = [
  {
    name: 'gateway',
    port: PORTS.gateway,
    replicas: { min: 2, max: 10 },
    resources: { cpu: '250m', memory: '384Mi', cpuLimit: '1', memoryLimit: '768Mi' },
    env: [
      ...shared,
      secretValue('IDENTITY_PRIVATE_KEY', 'studbook-identity-signing', 'private-key'),
      configValue('TRUSTED_PROXY_HOPS'),
      ...(['animal', 'commerce', 'research', 'user'] as const).map((name) => ({ name: `${name.toUpperCase()}_URL`, value: subgraphUrl(name, PORTS[name]) })),
    ],
  },
  {
    name: 'animal',
    port: PORTS.animal,
    replicas: { min: 2, max: 8 },
    resources: { cpu: '250m', memory: '384Mi', cpuLimit: '1', memoryLimit: '1Gi' },
    env: [
      ...sqlSubgraph('animal'),
      configValue('S3_BUCKET'),
      configValue('S3_REGION'),
      // Unset for AWS S3 itself (credentials from the pod's role); MinIO or another endpoint by setting it in the ConfigMap.
      configValue('S3_ENDPOINT', true),
      configValue('PUBLIC_GATEWAY_URL'),
      // Asked (as the caller) for the owner's name a certificate prints.
      { name: 'USER_SUBGRAPH_URL', value: subgraphUrl('user', PORTS.user) },
    ],
  },
  {
    name: 'commerce',
    port: PORTS.commerce,
    replicas: { min: 2, max: 6 },
    resources: { cpu: '100m', memory: '256Mi', cpuLimit: '500m', memoryLimit: '512Mi' },
    env: [...sqlSubgraph('commerce'), animalUrl],
  },
  {
    // BLUP evaluations run in worker threads: more memory than the others.
    name: 'research',
    port: PORTS.research,
    replicas: { min: 2, max: 6 },
    resources: { cpu: '250m', memory: '512Mi', cpuLimit: '2', memoryLimit: '2Gi' },
    env: [...sqlSubgraph('research'), animalUrl],
  },
  {
    name: 'user',
    port: PORTS.user,
    replicas: { min: 2, max: 6 },
    resources: { cpu: '250m', memory: '256Mi', cpuLimit: '1', memoryLimit: '512Mi' },
    env: [
      ...subgraph,
      configValue('DYNAMODB_REGION'),
      configValue('DYNAMODB_TABLE'),
      // Unset for AWS itself; DynamoDB Local or another endpoint by setting it in the ConfigMap.
      configValue('DYNAMODB_ENDPOINT', true),
      secretValue('PROFILE_ENCRYPTION_KEYS', 'studbook-user', 'profile-encryption-keys'),
      animalUrl,
    ],
  },
];
