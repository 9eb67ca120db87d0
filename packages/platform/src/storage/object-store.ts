import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  GetBucketCorsCommand,
  PutBucketCorsCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Readable } from 'node:stream';

export interface ObjectStoreConfig {
  /** An S3-API endpoint (s3rver, MinIO); unset: AWS S3 with the usual credential chain. */
  endpoint?: string;
  region: string;
  bucket: string;
}

/** One entry of a bucket listing. */
export interface ListedObject {
  key: string;
  byteSize: number;
}

export interface StoredObject {
  byteSize: number;
  contentType: string | undefined;
}

/**
 * One bucket of S3, private: objects are reached only through URLs this class signs, each for one
 * object, one method and a short time. Local endpoints get path-style URLs (and dummy credentials
 * unless AWS_ACCESS_KEY_ID is set).
 */
export class ObjectStore {
  private readonly client: S3Client;
  readonly bucket: string;

  constructor(config: ObjectStoreConfig) {
    this.bucket = config.bucket;
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: Boolean(config.endpoint),
      // s3rver takes any key; MinIO and AWS get theirs from the usual chain (AWS_ACCESS_KEY_ID, a role).
      credentials: config.endpoint && !process.env.AWS_ACCESS_KEY_ID ? { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } : undefined,
      maxAttempts: 3,
      // A presigned PUT cannot carry a checksum of a body not yet seen; S3 would refuse the default one.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  /** Creates the bucket when it is missing (a start against a fresh store). */
  async ensureBucket(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      if (!isMissing(error)) throw error;
      try {
        await this.client.send(new CreateBucketCommand({ Bucket: this.bucket }));
      } catch (creating) {
        // Another instance starting at the same time created it first.
        if (!(creating instanceof S3ServiceException && ['BucketAlreadyExists', 'BucketAlreadyOwnedByYou'].includes(creating.name))) throw creating;
      }
    }
  }

  /**
   * Lets pages of these origins PUT to presigned URLs and read signed GETs (CORS on the bucket): the
   * browser sends a photo's bytes straight here. Replaces the bucket's CORS rules.
   */
  async allowBrowserOrigins(origins: readonly string[]): Promise<void> {
    // Added to the origins already allowed, not in their place: several gateways (replicas, or
    // each platform of a test run) share one bucket, and each must keep its app's uploads working.
    const current = await this.client.send(new GetBucketCorsCommand({ Bucket: this.bucket })).catch(() => undefined);
    const allowed = new Set([...(current?.CORSRules ?? []).flatMap((rule) => rule.AllowedOrigins ?? []), ...origins]);
    origins = [...allowed].sort();
    await this.client.send(
      new PutBucketCorsCommand({
        Bucket: this.bucket,
        CORSConfiguration: {
          CORSRules: [{ AllowedOrigins: [...origins], AllowedMethods: ['PUT', 'GET', 'HEAD'], AllowedHeaders: ['content-type'], MaxAgeSeconds: 3600 }],
        },
      }),
    );
  }

  /**
   * A URL that accepts one PUT of exactly this type and length: both headers are signed, so S3
   * refuses a body of another size or a request with another content type.
   */
  presignPut(key: string, upload: { contentType: string; byteSize: number; expiresInSeconds: number }): Promise<string> {
    const command = new PutObjectCommand({ Bucket: this.bucket, Key: key, ContentType: upload.contentType, ContentLength: upload.byteSize });
    return getSignedUrl(this.client, command, { expiresIn: upload.expiresInSeconds, signableHeaders: new Set(['content-type', 'content-length']) });
  }

  presignGet(key: string, expiresInSeconds: number): Promise<string> {
    return getSignedUrl(this.client, new GetObjectCommand({ Bucket: this.bucket, Key: key }), { expiresIn: expiresInSeconds });
  }

  /** The object's size and type; null when nothing is stored under the key. */
  async head(key: string): Promise<StoredObject | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { byteSize: head.ContentLength ?? 0, contentType: head.ContentType };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async get(key: string): Promise<Buffer> {
    const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return Buffer.from(await object.Body!.transformToByteArray());
  }

  /** Every object of the bucket, page by page (S3 answers at most 1,000 keys a request), in key order. */
  async *list(): AsyncGenerator<ListedObject> {
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, ContinuationToken: token }));
      for (const object of page.Contents ?? []) if (object.Key) yield { key: object.Key, byteSize: object.Size ?? 0 };
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  /** The object's bytes as a stream (a video need not fit in memory), with its type. */
  async read(key: string): Promise<{ body: Readable; contentType: string | undefined }> {
    const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return { body: object.Body as Readable, contentType: object.ContentType };
  }

  /** Stores a stream of known length (S3 needs the length of a body it cannot buffer). */
  async write(key: string, body: Readable, byteSize: number, contentType: string | undefined): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentLength: byteSize, ContentType: contentType }));
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }));
  }

  /** Deleting a missing key is not an error (S3 semantics), so a sweep can repeat. */
  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  close(): void {
    this.client.destroy();
  }
}

function isMissing(error: unknown): boolean {
  return error instanceof S3ServiceException && (error.$metadata.httpStatusCode === 404 || error.name === 'NotFound' || error.name === 'NoSuchKey');
}
