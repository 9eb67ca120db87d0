import { forbidden, unauthenticated } from '../errors.js';

export const ROLES = ['OWNER', 'ADMIN', 'MEMBER', 'VIEWER'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as the gateway established it. Subgraphs trust only this, never client headers. */
export type Identity = { kind: 'user'; userId: string; organizationId: string; role: Role } | { kind: 'anonymous' } | { kind: 'service'; service: string };

export type UserIdentity = Extract<Identity, { kind: 'user' }>;

export function requireUser(identity: Identity): UserIdentity {
  if (identity.kind !== 'user') throw unauthenticated();
  return identity;
}

/** VIEWER members may read their organisation's data but never change it. */
export function requireWriter(identity: Identity): UserIdentity {
  const user = requireUser(identity);
  if (user.role === 'VIEWER') throw forbidden('Viewers cannot change data');
  return user;
}
