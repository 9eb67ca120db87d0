// Generates each service database's SQL migrations from its Drizzle schema (drizzle-kit generate).
// Usage: npm run db:generate [-- --custom --name NAME --service SERVICE] for a hand-written migration.
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { SERVICE_DATABASES } from '../drizzle/migrate.js';

const { values } = parseArgs({ options: { custom: { type: 'boolean' }, name: { type: 'string' }, service: { type: 'string' } } });
const services = values.service ? [values.service] : SERVICE_DATABASES;

for (const service of services) {
  const args = ['drizzle-kit', 'generate', '--dialect', 'postgresql', '--schema', `drizzle/${service}/schema.ts`, '--out', `drizzle/${service}/migrations`];
  if (values.custom) args.push('--custom');
  if (values.name) args.push('--name', values.name);
  execFileSync('npx', args, { stdio: 'inherit' });
}
