import type { Identity, IdentitySigner } from '@studbook/platform';

/** Tokens live 60 s; handing one out for its first 10 s leaves every subgraph at least 50 s to check it. */
export const TOKEN_REUSE_MS = 10_000;
const MAX_IDENTITIES = 10_000;

/**
 * Signs each identity's token once and hands out the same one for a few seconds, instead of an
 * EdDSA signature per request (several per federated query). A token says only who the caller is,
 * so the same caller may present it to any number of subgraph calls within its life.
 */
export function reusingIdentityTokens(signer: IdentitySigner, reuseMs = TOKEN_REUSE_MS): IdentitySigner {
  const tokens = new Map<string, { token: Promise<string>; until: number }>();
  return {
    sign(identity) {
      const key = identityKey(identity);
      const now = Date.now();
      const reused = tokens.get(key);
      if (reused && reused.until > now) return reused.token;
      if (tokens.size >= MAX_IDENTITIES) for (const [k, entry] of tokens) if (entry.until <= now) tokens.delete(k);
      if (tokens.size >= MAX_IDENTITIES) tokens.clear();
      const token = signer.sign(identity);
      tokens.set(key, { token, until: now + reuseMs });
      token.catch(() => tokens.delete(key));
      return token;
    },
  };
}

function identityKey(identity: Identity): string {
  switch (identity.kind) {
    case 'user':
      return `user:${identity.userId}:${identity.organizationId}:${identity.role}`;
    case 'service':
      return `service:${identity.service}`;
    default:
      return 'anonymous';
  }
}
