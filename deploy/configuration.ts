import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { CONFIG_MAP } from './env-refs.js';
import { LABEL_PART_OF, settings } from './settings.js';

/** What every placeholder looks like: the operator replaces each before applying (never commit a real value). */
export const PLACEHOLDER = /^REPLACE_WITH_[A-Z0-9_]+$/;

function secret(name: string, stringData: Record<string, string>, purpose: string) {
  return new Secret({
    metadata: { name, namespace: settings.namespace, labels: { 'app.kubernetes.io/part-of': LABEL_PART_OF }, annotations: { 'studbook.dev/purpose': purpose } },
    type: 'Opaque',
    stringData,
  });
}

/** The namespace, the shared ConfigMap and the Secrets, with placeholders where the operator's values go. */
export function configurationObjects() {
  return [
    new Namespace({ metadata: { name: settings.namespace, labels: { 'app.kubernetes.io/part-of': LABEL_PART_OF } } }),
    new ConfigMap({
      metadata: { name: CONFIG_MAP, namespace: settings.namespace, labels: { 'app.kubernetes.io/part-of': LABEL_PART_OF } },
      data: {
        HOST: '0.0.0.0',
        NODE_ENV: 'production',
        EVENTS_NAMESPACE: settings.eventsNamespace,
        TRUSTED_PROXY_HOPS: String(settings.trustedProxyHops),
        DYNAMODB_REGION: settings.dynamodbRegion,
        DYNAMODB_TABLE: settings.dynamodbTable,
        S3_BUCKET: settings.mediaBucket,
        S3_REGION: settings.mediaRegion,
        PUBLIC_GATEWAY_URL: settings.publicGatewayUrl,
        DATABASE_PREFIX: settings.databasePrefix,
        DATABASE_APP_ROLE: settings.databaseAppRole,
      },
    }),
    secret(
      'studbook-identity-signing',
      { 'private-key': 'REPLACE_WITH_ED25519_PRIVATE_KEY_PEM' },
      'gateway only: signs identity tokens (openssl genpkey -algorithm ed25519)',
    ),
    secret(
      'studbook-identity-public',
      { 'public-key': 'REPLACE_WITH_ED25519_PUBLIC_KEY_PEM' },
      'subgraphs: verify identity tokens (openssl pkey -in identity.pem -pubout)',
    ),
    secret(
      'studbook-database',
      Object.fromEntries(['animal', 'commerce', 'research'].map((name) => [`${name}-url`, `REPLACE_WITH_${name.toUpperCase()}_DATABASE_URL`])),
      `the RLS-bound role's URLs, postgres://${settings.databaseAppRole}:<app password>@<host>:5432/${settings.databasePrefix}_<service>`,
    ),
    secret(
      'studbook-database-admin',
      { 'superuser-url': 'REPLACE_WITH_POSTGRES_SUPERUSER_URL', 'app-password': 'REPLACE_WITH_DATABASE_APP_PASSWORD' },
      'the migration Job only: creates the databases and the RLS-bound role with this password',
    ),
    secret('studbook-redis', { url: 'REPLACE_WITH_REDIS_URL' }, 'caches, rate limits and domain events (redis:// or rediss://)'),
    secret('studbook-user', { 'profile-encryption-keys': 'REPLACE_WITH_PROFILE_ENCRYPTION_KEYS' }, 'user subgraph: kid:base64 of 32 random bytes, comma-separated'),
  ];
}
