import type { Logger } from '@studbook/platform';
import { startDynalite } from './embedded-dynamo.js';
import { startEmbeddedPostgres } from './postgres/embedded-postgres.js';

export interface StoreOptions {
  /** Superuser URL of a running PostgreSQL; unset: embedded PostgreSQL in postgresDataDir. */
  postgresUrl?: string;
  postgresDataDir: string;
  postgresPort: number;
  /** A running DynamoDB-API endpoint; unset: dynalite, persisted at dynamoPath if given. */
  dynamoEndpoint?: string;
  dynamoPath?: string;
  logger: Logger;
}

export interface Stores {
  postgresAdminUrl: string;
  dynamoEndpoint: string;
  stop(): Promise<void>;
}

/** The configured PostgreSQL and DynamoDB, or embedded ones where none is configured. */
export async function startStores(options: StoreOptions): Promise<Stores> {
  const { logger } = options;
  const postgres = options.postgresUrl
    ? { adminUrl: options.postgresUrl, stop: async () => undefined }
    : await startEmbeddedPostgres({ dataDir: options.postgresDataDir, port: options.postgresPort, logger });
  logger.info(options.postgresUrl ? 'using configured PostgreSQL' : 'using embedded PostgreSQL', options.postgresUrl ? {} : { dataDir: options.postgresDataDir });
  const dynamo = options.dynamoEndpoint ? { endpoint: options.dynamoEndpoint, stop: async () => undefined } : await startDynalite({ path: options.dynamoPath });
  logger.info(options.dynamoEndpoint ? 'using configured DynamoDB' : 'using embedded DynamoDB (dynalite)', { endpoint: dynamo.endpoint });
  return {
    postgresAdminUrl: postgres.adminUrl,
    dynamoEndpoint: dynamo.endpoint,
    async stop() {
      await dynamo.stop();
      await postgres.stop();
    },
  };
}
