import { scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Verifies the `scrypt$N$r$p$salt$hash` hashes written before passwords moved to Argon2id; they
 * are rehashed at the next successful sign-in, so no new one is ever written.
 */
export async function verifyScrypt(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  const options = { N: Number(n), r: Number(r), p: Number(p) };
  // Bounded so that a corrupted item cannot make one sign-in allocate gigabytes.
  const sane = options.N > 1 && options.N <= 2 ** 20 && options.r >= 1 && options.r <= 32 && options.p >= 1 && options.p <= 16;
  if (scheme !== 'scrypt' || !salt || !hash || !sane) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), expected.length, options).catch(() => null);
  return actual !== null && actual.length === expected.length && timingSafeEqual(actual, expected);
}

function derive(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  // Node's default maxmem (32 MiB) is exactly 128·N·r for N=2^15, r=8, which it refuses; give headroom.
  const maxmem = 256 * (options.N ?? 0) * (options.r ?? 0) + 1024 * 1024;
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, keyLength || 32, { ...options, maxmem }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}
