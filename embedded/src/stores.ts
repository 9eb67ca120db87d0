import type { Logger } from '@studbook/platform';
import { startDynalite } from './embedded-dynamo.js';
import { startEmbeddedPostgres } from './postgres/embedded-postgres.js';
import { startS3rver } from './embedded-s3.js';

export interface StoreOptions {
  /** Superuser URL of a running PostgreSQL; unset: embedded PostgreSQL in postgresDataDir. */
  postgresUrl?: string;
  postgresDataDir: string;
  postgresPort: number;
  /** A running DynamoDB-API endpoint; unset: dynalite, persisted at dynamoPath if given. */
  dynamoEndpoint?: string;
  dynamoPath?: string;
  /** A running S3-API endpoint; unset: s3rver with its objects under s3Directory, or AWS S3 without one. */
  s3Endpoint?: string;
  s3Directory?: string;
  logger: Logger;
}

export interface Stores {
  postgresAdminUrl: string;
  dynamoEndpoint: string;
  /** Unset when S3 itself (AWS) is configured. */
  s3Endpoint: string | undefined;
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
  const s3 =
    options.s3Endpoint || !options.s3Directory ? { endpoint: options.s3Endpoint, stop: async () => undefined } : await startS3rver({ directory: options.s3Directory });
  logger.info(options.s3Endpoint || !options.s3Directory ? 'using configured S3' : 'using embedded S3 (s3rver)', { endpoint: s3.endpoint ?? 'AWS' });
  return {
    postgresAdminUrl: postgres.adminUrl,
    dynamoEndpoint: dynamo.endpoint,
    s3Endpoint: s3.endpoint,
    async stop() {
      await s3.stop();
      await dynamo.stop();
      await postgres.stop();
    },
  };
}
