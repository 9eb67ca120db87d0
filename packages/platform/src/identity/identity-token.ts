import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { ROLES, type Identity, type Role } from './identity.js';

/** The header the gateway uses to hand the caller's identity to subgraphs. */
export const IDENTITY_HEADER = 'x-studbook-identity';

const ISSUER = 'studbook-gateway';
const AUDIENCE = 'studbook-subgraphs';
const ALGORITHM = 'HS256';

export interface IdentityTokens {
  sign(identity: Identity): Promise<string>;
  /** Returns the identity, or null when the token is missing, forged, expired or malformed. */
  verify(token: string | undefined | null): Promise<Identity | null>;
}

/**
 * Short-lived HS256 tokens signed with a secret shared by the gateway and the subgraphs.
 * They live seconds, so a leaked one is worth little and no revocation list is needed.
 */
export function createIdentityTokens(secret: string, ttlSeconds = 60): IdentityTokens {
  const key = new TextEncoder().encode(secret);
  return {
    async sign(identity) {
      const claims: Record<string, unknown> = { kind: identity.kind };
      if (identity.kind === 'user') Object.assign(claims, { org: identity.organizationId, role: identity.role });
      if (identity.kind === 'service') claims.svc = identity.service;
      const jwt = new SignJWT(claims)
        .setProtectedHeader({ alg: ALGORITHM })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`);
      if (identity.kind === 'user') jwt.setSubject(identity.userId);
      return jwt.sign(key);
    },
    async verify(token) {
      if (!token) return null;
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer: ISSUER,
          audience: AUDIENCE,
          algorithms: [ALGORITHM],
          // jose checks exp only when present: demand it, and refuse anything issued long ago.
          requiredClaims: ['exp', 'iat'],
          maxTokenAge: `${ttlSeconds * 2}s`,
        });
        return toIdentity(payload);
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
