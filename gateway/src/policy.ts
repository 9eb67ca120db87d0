import { z } from 'zod';

/**
 * What the gateway allows and how it presents itself: operation budgets, rate limits, transport.
 * One shape for the standalone gateway (gateway/src/env.ts) and `npm start` (embedded/src/env.ts),
 * so every limit is configured the same way wherever the gateway runs. Each part of the policy
 * adds its variables here and reads them in `gatewayPolicyFrom`.
 */
export const gatewayPolicyShape = {
  /** Deepest selection an operation may nest. */
  MAX_QUERY_DEPTH: z.coerce.number().int().min(1).max(1_000).default(32),
  /** Load balancers in front whose X-Forwarded-For entry names the client; 0: the socket address. */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
};

export type GatewayPolicyEnv = z.infer<z.ZodObject<typeof gatewayPolicyShape>>;

export interface GatewayPolicy {
  maxQueryDepth: number;
  trustedProxyHops: number;
}

/** The policy a gateway runs with when nothing is configured. */
export function gatewayPolicyFrom(env: Partial<GatewayPolicyEnv> = {}): GatewayPolicy {
  const parsed = z.object(gatewayPolicyShape).parse(env);
  return {
    maxQueryDepth: parsed.MAX_QUERY_DEPTH,
    trustedProxyHops: parsed.TRUSTED_PROXY_HOPS,
  };
}
