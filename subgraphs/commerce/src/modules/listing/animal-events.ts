import { appendEvent, everyAggregateTopic, type EventBus, type Logger, type PublishedEvent, type TenantDb } from '@studbook/platform';
import { listingUpdated, type PayloadOf } from '@studbook/contracts/events';
import * as store from './listing-store.js';
import { snapshotOf } from './listing-service.js';

/**
 * Keeps listings true to their animals, from the animal subgraph's events: an animal made
 * non-public (PRIVATE, LINEAGE, anything but PUBLIC) or deleted withdraws its listings; a new
 * name, sex or genotype, and a new F or pedigree completeness (its lineage changed), is copied onto them. Each write carries the event's version and applies
 * only when newer than the last copied, so a repeated or late event changes nothing; each changed
 * listing gets its listing.updated event, which the search projector applies.
 */
export class ListingAnimalEvents {
  private unsubscribe?: () => Promise<void>;
  /** Per animal, the last of its events being applied: the next waits for it. */
  private readonly applying = new Map<string, Promise<void>>();

  constructor(private readonly deps: { db: TenantDb; bus: EventBus; logger: Logger }) {}

  async start(): Promise<void> {
    this.unsubscribe = await this.deps.bus.subscribe(everyAggregateTopic('animal'), (event) => this.inOrder(event));
  }

  /**
   * Applies an animal's events one after another, in the order the bus delivers them (its
   * versions'). Each carries only some of the facts, under a version for the whole listing: applied
   * at once, a later event committing first (one change of parents writes lineageMetricsChanged
   * then animal.updated) would make the earlier one look stale and lose its facts.
   */
  private inOrder(event: PublishedEvent): void {
    const key = event.aggregateId;
    const next = (this.applying.get(key) ?? Promise.resolve()).then(() => this.apply(event));
    this.applying.set(key, next);
    void next.then(() => {
      if (this.applying.get(key) === next) this.applying.delete(key);
    });
  }

  async stop(): Promise<void> {
    await this.unsubscribe?.();
  }

  async apply(event: PublishedEvent): Promise<void> {
    const change = changeOf(event);
    if (!change) return;
    try {
      await this.deps.db.run({ tenantId: event.tenantId, userId: null }, async (tx) => {
        const changed =
          change.kind === 'withdraw'
            ? await store.withdrawListingsOf(tx, event.aggregateId, event.version)
            : await store.applyAnimalFacts(tx, event.aggregateId, event.version, change.facts);
        for (const row of changed) {
          await appendEvent(tx, listingUpdated, {
            aggregateId: row.id,
            payload: { ...snapshotOf(row), changed: change.kind === 'withdraw' ? ['status'] : Object.keys(change.facts) },
          });
        }
      });
    } catch (error) {
      this.deps.logger.error('applying an animal event to its listings failed', { animalId: event.aggregateId, type: event.eventType, error: (error as Error).message });
    }
  }
}

type Change = { kind: 'withdraw' } | { kind: 'facts'; facts: Partial<store.AnimalFacts> };

function changeOf(event: PublishedEvent): Change | null {
  switch (event.eventType) {
    case 'animal.deleted':
      return { kind: 'withdraw' };
    case 'animal.updated': {
      const payload = event.payload as PayloadOf<'animal.updated'>;
      if (payload.visibility !== 'PUBLIC') return { kind: 'withdraw' };
      return { kind: 'facts', facts: { animalName: payload.name, sex: payload.sex } };
    }
    case 'animal.genotypeSet': {
      const { genes } = event.payload as PayloadOf<'animal.genotypeSet'>;
      const certain = genes.filter((gene) => !gene.probability);
      const names = (copies: number) =>
        certain
          .filter((gene) => gene.copies === copies)
          .map((gene) => gene.gene)
          .sort();
      return { kind: 'facts', facts: { genesOne: names(1), genesTwo: names(2) } };
    }
    case 'animal.lineageMetricsChanged': {
      // Its parents or an ancestor's changed: search's F and completeness filters follow.
      const { inbreeding, completeness } = event.payload as PayloadOf<'animal.lineageMetricsChanged'>;
      return { kind: 'facts', facts: { inbreeding, completeness } };
    }
    default:
      return null;
  }
}
