import { randomBytes } from 'node:crypto';
import { hash, parseOptions, verify, type Algorithm } from '@node-rs/argon2';
import { verifyScrypt } from './legacy-scrypt.js';

// Algorithm.Argon2id: a const enum, which isolatedModules cannot inline.
const ARGON2ID = 2 as Algorithm;
// OWASP's Argon2id parameters: 19 MiB, two passes, one lane. They are part of each PHC string, so
// raising them later rehashes each password at its next sign-in (needsRehash).
const COST = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** Hashes a password as an Argon2id PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`), off the event loop. */
export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFKC'), COST);
}

/** Checks a password against a stored Argon2id or legacy scrypt hash; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (stored.startsWith('scrypt$')) return verifyScrypt(password, stored);
  if (!stored.startsWith('$argon2id$')) return false;
  return verify(stored, password.normalize('NFKC')).catch(() => false);
}

/** Whether a hash that just verified should be replaced: a legacy scheme or weaker parameters than today's. */
export function needsRehash(stored: string): boolean {
  if (!stored.startsWith('$argon2id$')) return true;
  try {
    const options = parseOptions(stored);
    return options.memoryCost < COST.memoryCost || options.timeCost < COST.timeCost;
  } catch {
    return true;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * A hash to verify against when the email is unknown, so that a wrong email takes as long as a
 * wrong password and response times do not reveal which addresses are registered.
 */
export function hashForUnknownUser(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}
