import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const FORMAT = 'v1';
const DEV_KEY_ID = 'dev';

/** Which record and field a ciphertext belongs to: bound as AAD, so a value moved elsewhere fails to decrypt. */
export interface FieldContext {
  userId: string;
  field: string;
}

/**
 * Encrypts profile fields with AES-256-GCM before they reach DynamoDB. Keys form a ring by key
 * id; new values use the active key, and every ciphertext names its key, so values written under
 * an older key stay readable after rotation (and are re-encrypted when the profile is next saved).
 * Stored form: `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts).
 */
export class FieldCipher {
  constructor(
    private readonly keys: ReadonlyMap<string, Buffer>,
    readonly activeKeyId: string,
  ) {
    if (!keys.has(activeKeyId)) throw new Error(`Active profile key "${activeKeyId}" is not in the key ring`);
    for (const [id, key] of keys) if (key.length !== 32) throw new Error(`Profile key "${id}" must be 32 bytes (base64 of 32 random bytes)`);
  }

  encrypt(plaintext: string, context: FieldContext): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.keys.get(this.activeKeyId)!, iv);
    cipher.setAAD(aad(context));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [FORMAT, this.activeKeyId, iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
  }

  decrypt(stored: string, context: FieldContext): string {
    const [format, keyId, iv, ciphertext, tag] = stored.split('.');
    const key = this.keys.get(keyId);
    if (format !== FORMAT || !key || iv === undefined || ciphertext === undefined || tag === undefined) {
      throw new Error(`Cannot decrypt ${context.field}: unknown format or key id "${keyId}"`);
    }
    const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(aad(context));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }

  keyIdOf(stored: string): string {
    return stored.split('.')[1] ?? '';
  }
}

function aad({ userId, field }: FieldContext): Buffer {
  return Buffer.from(`studbook/user/${userId}/${field}`, 'utf8');
}

/**
 * Parses `kid1:base64key,kid2:base64key` and the active key id (default: the last listed).
 * Without keys it derives a fixed development key: fine for `npm start` on a laptop, useless as
 * protection, which is why the caller logs it and production configuration refuses it.
 */
export function createFieldCipher(keyRing: string | undefined, activeKeyId: string | undefined): { cipher: FieldCipher; development: boolean } {
  if (!keyRing?.trim()) {
    const devKey = createHash('sha256').update('studbook development profile key (not a secret)').digest();
    return { cipher: new FieldCipher(new Map([[DEV_KEY_ID, devKey]]), DEV_KEY_ID), development: true };
  }
  const entries = keyRing.split(',').map((entry) => {
    const separator = entry.indexOf(':');
    const id = entry.slice(0, separator).trim();
    if (separator <= 0 || !/^[A-Za-z0-9_-]{1,32}$/.test(id)) throw new Error('PROFILE_ENCRYPTION_KEYS must look like kid1:base64key,kid2:base64key');
    return [id, Buffer.from(entry.slice(separator + 1).trim(), 'base64')] as const;
  });
  const keys = new Map<string, Buffer>();
  for (const [id, key] of entries) {
    if (keys.has(id)) throw new Error(`PROFILE_ENCRYPTION_KEYS: key id "${id}" is listed twice; every key needs its own id`);
    keys.set(id, key);
  }
  return { cipher: new FieldCipher(keys, activeKeyId?.trim() || entries.at(-1)![0]), development: false };
}
