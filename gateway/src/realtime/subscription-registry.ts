import type { SubscriptionField } from './subscription-field.js';

/** The Subscription fields the gateway serves, by name. */
export type SubscriptionRegistry = ReadonlyMap<string, SubscriptionField>;

export function subscriptionRegistry(fields: readonly SubscriptionField[]): SubscriptionRegistry {
  const byName = new Map<string, SubscriptionField>();
  for (const field of fields) {
    if (byName.has(field.field)) throw new Error(`Subscription field ${field.field} is registered twice`);
    byName.set(field.field, field);
  }
  return byName;
}
