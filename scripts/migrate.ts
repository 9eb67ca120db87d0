// Applies every service database's migrations on the server at POSTGRES_URL (superuser URL).
import { z } from 'zod';
import { adminUrlFor, migrateServiceDatabase, SERVICE_DATABASES } from '../drizzle/migrate.js';
import { backfillLineageMetrics } from '../subgraphs/animal/src/modules/lineage/lineage-backfill.js';
import { parseEnv } from '@studbook/platform';

const env = parseEnv({
  POSTGRES_URL: z.string().url(),
  DATABASE_PREFIX: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,40}$/)
    .default('studbook'),
  DATABASE_APP_ROLE: z.string().default('studbook_app'),
  DATABASE_APP_PASSWORD: z.string().default('studbook_app'),
});
for (const service of SERVICE_DATABASES) {
  await migrateServiceDatabase(service, {
    adminUrl: env.POSTGRES_URL,
    databaseName: `${env.DATABASE_PREFIX}_${service}`,
    appRole: env.DATABASE_APP_ROLE,
    appPassword: env.DATABASE_APP_PASSWORD,
  });
  console.log(`migrated ${env.DATABASE_PREFIX}_${service}`);
  // Lineage metrics of animals recorded before they existed: needs the owner's view of every organisation.
  if (service === 'animal') console.log(`lineage metrics filled in: ${await backfillLineageMetrics(adminUrlFor(env.POSTGRES_URL, `${env.DATABASE_PREFIX}_animal`))}`);
}
