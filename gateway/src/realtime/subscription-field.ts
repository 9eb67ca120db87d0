import type { DomainEventContract } from '@studbook/contracts/events';
import type { z } from 'zod';

/** One item of a subscription's stream, as its replay query lists it. */
export interface ListedItem {
  id: string;
  cursor: string;
  /** Nothing can follow it: once it is delivered the subscription completes. */
  last: boolean;
}

/**
 * A field of the supergraph's Subscription type, as the gateway serves it: the domain event that
 * announces a new item (its aggregate's topic is where the feed listens), the query that lists
 * items after a cursor as the subscriber (the join, which also authorises it, and gap filling),
 * and the query field that reads one item with the subscriber's selection. Feeds, ordering,
 * replay, sharing and the socket know nothing else of a field (README.md).
 */
export interface SubscriptionField<Event extends DomainEventContract = DomainEventContract> {
  /** The Subscription field's name. */
  readonly field: string;
  /** What the stream carries, for errors and logs: "Breeding events". */
  readonly itemsLabel: string;
  readonly event: Event;
  /** The aggregate the subscriber follows, from the field's coerced arguments. */
  aggregateId(args: Record<string, unknown>): string;
  /** The cursor the subscriber has had everything up to (null: only what comes next). */
  after(args: Record<string, unknown>): string | null;
  /** The item an event of `event` announces. */
  announced(payload: z.output<Event['payload']>): { id: string; last: boolean };
  readonly replay: {
    /** Run as the subscriber with `variables(aggregateId, after)`. */
    readonly query: string;
    variables(aggregateId: string, after: string | null): Record<string, unknown>;
    /** The items after the cursor in order, or null when the caller may not see the aggregate. */
    items(data: unknown): ListedItem[] | null;
    /** What is NOT_FOUND when `items` answers null: "Breeding session". */
    readonly notFound: string;
  };
  readonly read: {
    /** The Query field that returns one item by id; the subscriber's selection is read under it. */
    readonly field: string;
    readonly idArgument: string;
    /** The item's field that holds its cursor. */
    readonly cursorField: string;
  };
}

/** Declares a subscription field, typing `announced` by its event's payload. */
export function defineSubscriptionField<Event extends DomainEventContract>(field: SubscriptionField<Event>): SubscriptionField<Event> {
  return Object.freeze(field);
}
