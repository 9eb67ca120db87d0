import { inject } from 'vitest';
import { ObjectStore } from '@studbook/platform';

/** The media bucket of this test run's s3rver (bucket names take no underscores). */
export function testObjectStore(): ObjectStore {
  return new ObjectStore({ endpoint: inject('s3Endpoint'), region: 'local', bucket: testBucketName() });
}

export function testBucketName(): string {
  return `${new URL(inject('serviceDatabaseUrls').animal).pathname.slice(1).replace(/_animal$/, '')}-media`.replace(/_/g, '-');
}
