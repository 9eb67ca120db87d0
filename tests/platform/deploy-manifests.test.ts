import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { createIdentitySigner, createIdentityVerifier, generateIdentityKeyPair } from '@studbook/platform';
import { PLACEHOLDER } from '../../deploy/configuration.js';
import { RENDERED, renderManifests } from '../../deploy/render.js';
import { animalEnv } from '../../subgraphs/animal/src/env.js';
import { commerceEnv } from '../../subgraphs/commerce/src/env.js';
import { researchEnv } from '../../subgraphs/research/src/env.js';
import { userEnv } from '../../subgraphs/user/src/env.js';
import { gatewayEnv } from '../../gateway/src/env.js';

// What kubectl apply would be given: the committed YAML in deploy/rendered/, read back and checked.
const MODELS = { Deployment, HorizontalPodAutoscaler, Job, PodDisruptionBudget, ConfigMap, Namespace, Secret, Service } as const;
type Kind = keyof typeof MODELS;
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { configMapKeyRef?: { name: string; key: string; optional?: boolean }; secretKeyRef?: { name: string; key: string } };
}
interface Container {
  name: string;
  image: string;
  env: EnvVar[];
  ports?: { name: string; containerPort: number }[];
  readinessProbe?: { httpGet: { path: string; port: string } };
  livenessProbe?: { httpGet: { path: string; port: string } };
  resources: { requests: Record<string, string>; limits: Record<string, string> };
  securityContext: { allowPrivilegeEscalation: boolean; readOnlyRootFilesystem: boolean };
}
interface KubeObject {
  apiVersion: string;
  kind: Kind;
  metadata: { name: string; namespace?: string };
  // biome-ignore lint/suspicious/noExplicitAny: each kind's spec is checked by its schema, then read where the test needs it
  spec?: any;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

const files = readdirSync(RENDERED).sort();
const committed = Object.fromEntries(files.map((file) => [file, readFileSync(new URL(file, RENDERED), 'utf8')]));
const objects: KubeObject[] = Object.values(committed).flatMap((text) => parseAllDocuments(text).map((document) => document.toJSON() as KubeObject));
const ofKind = (kind: Kind) => objects.filter((object) => object.kind === kind);
const named = (kind: Kind, name: string) => ofKind(kind).find((object) => object.metadata.name === name)!;
const podSpecOf = (object: KubeObject) => object.spec.template.spec as { containers: Container[]; securityContext: { runAsNonRoot: boolean } };
const workloads = [...ofKind('Deployment'), ...ofKind('Job')];

const keys = generateIdentityKeyPair();
/** What an operator would put in the Secrets in place of the placeholders. */
const OPERATOR_SECRETS: Record<string, Record<string, string>> = {
  'studbook-identity-signing': { 'private-key': keys.privateKey },
  'studbook-identity-public': { 'public-key': keys.publicKey },
  'studbook-database': Object.fromEntries(
    ['animal', 'commerce', 'research'].map((name) => [`${name}-url`, `postgres://studbook_app:secret@db.internal:5432/studbook_${name}`]),
  ),
  'studbook-database-admin': { 'superuser-url': 'postgres://postgres:secret@db.internal:5432/postgres', 'app-password': 'secret' },
  'studbook-redis': { url: 'rediss://cache.internal:6379' },
  'studbook-user': { 'profile-encryption-keys': `k1:${Buffer.alloc(32, 9).toString('base64')}` },
};

/** A container's environment as the kubelet resolves it against the rendered ConfigMap and the operator's Secrets. */
function resolvedEnv(container: Container): Record<string, string> {
  const config = ofKind('ConfigMap')[0].data!;
  const entries = container.env.flatMap((variable): [string, string][] => {
    const fromConfig = variable.valueFrom?.configMapKeyRef;
    const fromSecret = variable.valueFrom?.secretKeyRef;
    if (fromConfig) return config[fromConfig.key] !== undefined ? [[variable.name, config[fromConfig.key]]] : [];
    if (fromSecret) return [[variable.name, OPERATOR_SECRETS[fromSecret.name][fromSecret.key]]];
    return [[variable.name, variable.value!]];
  });
  return Object.fromEntries(entries);
}

const PARSERS = { gateway: gatewayEnv, animal: animalEnv, commerce: commerceEnv, research: researchEnv, user: userEnv } as const;

describe('the Kubernetes manifests in deploy/rendered/', () => {
  it('are what npm run deploy:render writes (not stale)', () => {
    expect(committed).toEqual(renderManifests());
  });

  it('are each valid against the Kubernetes schema of its kind', () => {
    expect(objects.length).toBeGreaterThan(20);
    for (const object of objects) {
      const Model = MODELS[object.kind];
      expect(Model, object.kind).toBeDefined();
      const { apiVersion, kind, ...data } = object;
      expect(apiVersion, kind).toBe(Model.apiVersion);
      expect(() => new Model(data as never).validate(), `${kind} ${object.metadata.name}`).not.toThrow();
    }
  });

  it('would be rejected by that validation when wrong (the check can fail)', () => {
    const deployment = structuredClone(named('Deployment', 'studbook-gateway'));
    deployment.spec.replicas = 'two';
    expect(() => new Deployment(deployment as never).validate()).toThrow();
    const job = structuredClone(ofKind('Job')[0]);
    delete job.spec.template.spec.containers[0].image;
    job.spec.template.spec.containers[0].name = 42;
    expect(() => new Job(job as never).validate()).toThrow();
  });

  it.each(Object.keys(PARSERS))('runs %s with probes, resources, an autoscaler and a disruption budget, as a non-root user', (name) => {
    const deployment = named('Deployment', `studbook-${name}`);
    const labels = deployment.spec.selector.matchLabels;
    expect(deployment.spec.template.metadata.labels).toEqual(labels);
    const pod = podSpecOf(deployment);
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    const [container] = pod.containers;
    expect(container.image).toMatch(new RegExp(`^studbook/${name}:\\d+\\.\\d+\\.\\d+$`));
    expect(container.readinessProbe?.httpGet).toEqual({ path: '/ready', port: 'http' });
    expect(container.livenessProbe?.httpGet).toEqual({ path: '/health', port: 'http' });
    expect(Object.keys(container.resources.requests).sort()).toEqual(['cpu', 'memory']);
    expect(Object.keys(container.resources.limits).sort()).toEqual(['cpu', 'memory']);
    expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });

    const service = named('Service', `studbook-${name}`);
    expect(service.spec.selector).toEqual(labels);
    expect(service.spec.ports[0].port).toBe(container.ports![0].containerPort);
    const autoscaler = named('HorizontalPodAutoscaler', `studbook-${name}`);
    expect(autoscaler.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: `studbook-${name}` });
    expect(autoscaler.spec.minReplicas).toBeGreaterThanOrEqual(2);
    const budget = named('PodDisruptionBudget', `studbook-${name}`);
    expect(budget.spec.selector.matchLabels).toEqual(labels);
  });

  it.each(Object.entries(PARSERS))("gives %s a configuration its own parser accepts, and routes to the subgraphs' Services", (name, parse) => {
    const [container] = podSpecOf(named('Deployment', `studbook-${name}`)).containers;
    const env = resolvedEnv(container);
    expect(() => parse(env as NodeJS.ProcessEnv)).not.toThrow();
    expect(Number(env.PORT)).toBe(container.ports![0].containerPort);
    for (const [variable, value] of Object.entries(env).filter(
      ([key]) => key.endsWith('_URL') && key !== 'DATABASE_URL' && key !== 'REDIS_URL' && key !== 'PUBLIC_GATEWAY_URL',
    )) {
      const target = /^http:\/\/(studbook-[a-z]+):(\d+)\/graphql$/.exec(value);
      expect(target, variable).not.toBeNull();
      expect(named('Service', target![1]).spec.ports[0].port, variable).toBe(Number(target![2]));
    }
  });

  it('signs identity in the gateway alone; every subgraph verifies with the public key', async () => {
    const envOf = (name: keyof typeof PARSERS) => resolvedEnv(podSpecOf(named('Deployment', `studbook-${name}`)).containers[0]);
    const token = await createIdentitySigner(gatewayEnv(envOf('gateway')).IDENTITY_PRIVATE_KEY).sign({ kind: 'anonymous' });
    for (const name of ['animal', 'commerce', 'research', 'user'] as const) {
      expect(envOf(name).IDENTITY_PRIVATE_KEY, name).toBeUndefined();
      expect(await createIdentityVerifier(PARSERS[name](envOf(name)).IDENTITY_PUBLIC_KEY).verify(token), name).toEqual({ kind: 'anonymous' });
    }
  });

  it('migrates in a one-off Job, the only workload given the superuser URL; services never migrate', () => {
    const [job] = ofKind('Job');
    expect(podSpecOf(job).containers[0].image).toMatch(/^studbook\/migrate:/);
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
    expect(resolvedEnv(podSpecOf(job).containers[0]).POSTGRES_URL).toBe(OPERATOR_SECRETS['studbook-database-admin']['superuser-url']);
    for (const workload of workloads) {
      const env = podSpecOf(workload).containers[0].env;
      const usesAdmin = env.some((variable) => variable.valueFrom?.secretKeyRef?.name === 'studbook-database-admin');
      expect(usesAdmin, workload.metadata.name).toBe(workload.kind === 'Job');
      expect(env.map((variable) => variable.name)).not.toContain('MIGRATE_DATABASE_URL');
    }
  });

  it('references only Secret and ConfigMap keys that exist, and ships placeholders, never a real key', () => {
    const config = ofKind('ConfigMap')[0];
    for (const workload of workloads) {
      for (const variable of podSpecOf(workload).containers[0].env) {
        const fromConfig = variable.valueFrom?.configMapKeyRef;
        const fromSecret = variable.valueFrom?.secretKeyRef;
        if (fromConfig && !fromConfig.optional) expect(config.data, `${workload.metadata.name} ${variable.name}`).toHaveProperty(fromConfig.key);
        if (fromSecret) expect(named('Secret', fromSecret.name).stringData, `${workload.metadata.name} ${variable.name}`).toHaveProperty(fromSecret.key);
      }
    }
    for (const secret of ofKind('Secret')) for (const value of Object.values(secret.stringData ?? {})) expect(value, secret.metadata.name).toMatch(PLACEHOLDER);
    expect(Object.values(committed).join('\n')).not.toMatch(/BEGIN [A-Z ]*PRIVATE KEY/);
  });

  it('puts everything in one namespace it declares', () => {
    const [namespace] = ofKind('Namespace');
    for (const object of objects.filter((candidate) => candidate.kind !== 'Namespace'))
      expect(object.metadata.namespace, object.metadata.name).toBe(namespace.metadata.name);
  });
});
