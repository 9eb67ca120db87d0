import type { OrganizationItem } from './organization-store.js';

/** How long an organisation read for another subgraph's reference is reused in this process. */
export const RECENT_ORGANIZATION_TTL_MS = 1_000;
const MAX_ENTRIES = 10_000;

/**
 * Organisations as other subgraphs' references ask for them (an animal's owner, a listing's seller): every
 * animal of a page names its owner, so one organisation is asked for on nearly every request, each time a
 * DynamoDB read (the AWS SDK's request pipeline is about half of such a request's CPU). They are reused here
 * for a second, the staleness sessions already allow across instances: a change made through this process
 * forgets its entry at once, one made through another shows here within RECENT_ORGANIZATION_TTL_MS.
 * Only what the item holds is kept; who may see members or retention is decided per request, as before.
 */
export class RecentOrganizations {
  private readonly entries = new Map<string, { item: OrganizationItem | null; until: number }>();

  /** The item, null for an organisation known not to exist, undefined when not read recently. */
  get(id: string): OrganizationItem | null | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.until > Date.now()) return entry.item;
    this.entries.delete(id);
    return undefined;
  }

  remember(id: string, item: OrganizationItem | null): void {
    // The oldest entry goes first (a Map keeps insertion order), so the cache stays bounded under any id mix.
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.delete(id);
    this.entries.set(id, { item, until: Date.now() + RECENT_ORGANIZATION_TTL_MS });
  }

  forget(id: string): void {
    this.entries.delete(id);
  }
}
