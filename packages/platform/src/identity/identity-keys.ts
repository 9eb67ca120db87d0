import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

/** An Ed25519 key pair as PEM: PKCS#8 for the private key, SPKI for the public one. */
export interface IdentityKeyPair {
  privateKey: string;
  publicKey: string;
}

/** A fresh Ed25519 key pair, for `npm start` and tests (tokens live 60 s, so nothing outlives a restart). */
export function generateIdentityKeyPair(): IdentityKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/**
 * Imports the gateway's Ed25519 signing key from PEM (PKCS#8, `openssl genpkey -algorithm ed25519`).
 * Throws a message that names the problem and never echoes the key.
 */
export function importIdentityPrivateKey(pem: string): KeyObject {
  return ed25519(createPrivateKey, normalizePem(pem, 'PRIVATE KEY'), 'private');
}

/**
 * Imports the Ed25519 verification key from PEM (SPKI, `openssl pkey -pubout`). A private key is
 * refused rather than reduced to its public half: it must not be handed to a subgraph at all.
 */
export function importIdentityPublicKey(pem: string): KeyObject {
  return ed25519(createPublicKey, normalizePem(pem, 'PUBLIC KEY'), 'public');
}

/** The PEM public key that verifies what this private key signs. */
export function identityPublicKeyOf(privateKey: KeyObject): string {
  return createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
}

const PEM_LABEL = /^-----BEGIN ([A-Z0-9 ]+)-----/;

// Environment variables often arrive on one line with literal "\n" (.env files, CI secrets).
function normalizePem(value: string, expected: 'PRIVATE KEY' | 'PUBLIC KEY'): string {
  const pem = value.trim().replace(/\\n/g, '\n');
  const label = PEM_LABEL.exec(pem)?.[1];
  if (!label) throw new Error(`must be a PEM ${expected.toLowerCase()} (-----BEGIN ${expected}-----)`);
  if (label !== expected) {
    const hint = label.includes('PRIVATE') && expected === 'PUBLIC KEY' ? ': give subgraphs only the public key' : '';
    throw new Error(`must be a PEM ${expected.toLowerCase()} (-----BEGIN ${expected}-----), got -----BEGIN ${label}-----${hint}`);
  }
  return pem;
}

function ed25519(importKey: (pem: string) => KeyObject, pem: string, kind: 'private' | 'public'): KeyObject {
  let key: KeyObject;
  try {
    key = importKey(pem);
  } catch {
    throw new Error(`is not a readable PEM ${kind} key`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`must be an Ed25519 ${kind} key, got ${key.asymmetricKeyType ?? 'an unknown'} key`);
  return key;
}
