import { z } from 'zod';
import { envSchemas } from '@studbook/platform';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** Object storage and media limits, as environment variables (the animal subgraph's env.ts and `npm start`). */
export const mediaEnvShape = {
  /** An S3-API endpoint (s3rver, MinIO); unset: AWS S3 with the usual credential chain (and `npm start` runs s3rver). */
  S3_ENDPOINT: envSchemas.optionalUrl,
  S3_REGION: z
    .string()
    .min(1)
    .default(process.env.AWS_REGION ?? 'us-east-1'),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/)
    .default('studbook-media'),
  /** Media items (of any status) and stored bytes one organisation may hold. */
  MEDIA_QUOTA_COUNT: positiveInt(2_000),
  MEDIA_QUOTA_BYTES: positiveInt(10_000_000_000),
  /** How long a presigned upload URL works, and how long a signed download URL does. */
  MEDIA_UPLOAD_URL_SECONDS: positiveInt(300),
  MEDIA_DOWNLOAD_URL_SECONDS: positiveInt(300),
  /** Uploads requested but not completed within this age are deleted by the sweep, which runs this often. */
  MEDIA_ABANDONED_AFTER_SECONDS: positiveInt(3_600),
  MEDIA_SWEEP_INTERVAL_SECONDS: positiveInt(300),
  /** Where the public reaches the gateway: a certificate's QR code points to <this>/verify/<id>. */
  PUBLIC_GATEWAY_URL: envSchemas.url.default('http://localhost:4000'),
};

export interface MediaSettings {
  quotaCount: number;
  quotaBytes: number;
  uploadUrlSeconds: number;
  downloadUrlSeconds: number;
  abandonedAfterSeconds: number;
  sweepIntervalSeconds: number;
  verificationBaseUrl: string;
}

export function mediaSettingsFrom(env: z.infer<z.ZodObject<typeof mediaEnvShape>>): MediaSettings {
  return {
    quotaCount: env.MEDIA_QUOTA_COUNT,
    quotaBytes: env.MEDIA_QUOTA_BYTES,
    uploadUrlSeconds: env.MEDIA_UPLOAD_URL_SECONDS,
    downloadUrlSeconds: env.MEDIA_DOWNLOAD_URL_SECONDS,
    abandonedAfterSeconds: env.MEDIA_ABANDONED_AFTER_SECONDS,
    sweepIntervalSeconds: env.MEDIA_SWEEP_INTERVAL_SECONDS,
    verificationBaseUrl: env.PUBLIC_GATEWAY_URL,
  };
}

/** The defaults, for callers that configure nothing (tests, `npm start` without variables). */
export const DEFAULT_MEDIA_SETTINGS: MediaSettings = mediaSettingsFrom(z.object(mediaEnvShape).parse({}));
