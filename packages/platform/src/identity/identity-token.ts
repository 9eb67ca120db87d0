import type { KeyObject } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { ROLES, type Identity, type Role } from './identity.js';
import { importIdentityPrivateKey, importIdentityPublicKey } from './identity-keys.js';

/** The header the gateway uses to hand the caller's identity to subgraphs. */
export const IDENTITY_HEADER = 'x-studbook-identity';

const ISSUER = 'studbook-gateway';
const AUDIENCE = 'studbook-subgraphs';
// Pinned: a verifier that let the token choose would accept HS256 keyed with the public key, or none.
const ALGORITHM = 'EdDSA';
const DEFAULT_TTL_SECONDS = 60;

/** Mints identity tokens; only the gateway holds one (it alone has the private key). */
export interface IdentitySigner {
  sign(identity: Identity): Promise<string>;
}

/** Checks identity tokens with the gateway's public key, which cannot mint them. */
export interface IdentityVerifier {
  /** Returns the identity, or null when the token is missing, forged, expired or malformed. */
  verify(token: string | undefined | null): Promise<Identity | null>;
}

/**
 * Short-lived EdDSA (Ed25519) tokens signed by the gateway. They live seconds, so a leaked one is
 * worth little and no revocation list is needed. The key is imported here once, not per token.
 */
export function createIdentitySigner(privateKey: KeyObject | string, ttlSeconds = DEFAULT_TTL_SECONDS): IdentitySigner {
  const key = typeof privateKey === 'string' ? importIdentityPrivateKey(privateKey) : privateKey;
  return {
    async sign(identity) {
      const claims: Record<string, unknown> = { kind: identity.kind };
      if (identity.kind === 'user') Object.assign(claims, { org: identity.organizationId, role: identity.role });
      if (identity.kind === 'service') claims.svc = identity.service;
      const jwt = new SignJWT(claims).setProtectedHeader({ alg: ALGORITHM }).setIssuer(ISSUER).setAudience(AUDIENCE).setIssuedAt().setExpirationTime(`${ttlSeconds}s`);
      if (identity.kind === 'user') jwt.setSubject(identity.userId);
      return jwt.sign(key);
    },
  };
}

/** Verified tokens kept at most; beyond it the oldest go first. */
const MAX_VERIFIED_TOKENS = 10_000;

/**
 * Verifies the gateway's identity tokens with its public key (PEM or an imported KeyObject).
 * The gateway hands one caller the same token for several calls, so a token that verified is
 * remembered, by its exact text, until it expires; a forged or altered one never matches an entry.
 */
export function createIdentityVerifier(publicKey: KeyObject | string, ttlSeconds = DEFAULT_TTL_SECONDS): IdentityVerifier {
  const key = typeof publicKey === 'string' ? importIdentityPublicKey(publicKey) : publicKey;
  const verified = new Map<string, { identity: Identity; expiresAt: number }>();
  const remember = (token: string, identity: Identity, expiresAt: number) => {
    if (verified.size >= MAX_VERIFIED_TOKENS) verified.delete(verified.keys().next().value!);
    verified.set(token, { identity, expiresAt });
  };
  return {
    async verify(token) {
      if (!token) return null;
      const known = verified.get(token);
      if (known && known.expiresAt > Date.now()) return known.identity;
      if (known) verified.delete(token);
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer: ISSUER,
          audience: AUDIENCE,
          algorithms: [ALGORITHM],
          // jose checks exp only when present: demand it, and refuse anything issued long ago.
          requiredClaims: ['exp', 'iat'],
          maxTokenAge: `${ttlSeconds * 2}s`,
        });
        const identity = toIdentity(payload);
        // Whichever ends first: its expiry, or the age limit checked above.
        if (identity) remember(token, identity, Math.min(payload.exp! * 1000, (payload.iat! + ttlSeconds * 2) * 1000));
        return identity;
      } catch (error) {
        if (error instanceof joseErrors.JOSEError) return null;
        throw error;
      }
    },
  };
}

function toIdentity(payload: Record<string, unknown>): Identity | null {
  switch (payload.kind) {
    case 'anonymous':
      return { kind: 'anonymous' };
    case 'service':
      return typeof payload.svc === 'string' ? { kind: 'service', service: payload.svc } : null;
    case 'user': {
      const { sub, org, role } = payload;
      if (typeof sub !== 'string' || typeof org !== 'string' || !ROLES.includes(role as Role)) return null;
      return { kind: 'user', userId: sub, organizationId: org, role: role as Role };
    }
    default:
      return null;
  }
}
