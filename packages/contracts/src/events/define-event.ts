import type { z } from 'zod';

/** The deployables that write events; a producer is `<subgraph>/<module>`. */
export type Subgraph = 'animal' | 'commerce' | 'research' | 'user';
export type Producer = `${Subgraph}/${string}`;

/**
 * One domain event as every producer writes it and every consumer reads it. The name is
 * `<aggregate>.<pastTenseVerb>`; the outbox numbers events per aggregate (type and id), and the
 * relay publishes them on the aggregate's topic, so the aggregate decides what is ordered together.
 */
export interface DomainEventContract<Name extends string = string, Aggregate extends string = string, Payload extends z.ZodType = z.ZodType> {
  readonly name: Name;
  readonly aggregate: Aggregate;
  /** Bumped, with a new schema, only by a change old consumers cannot read. */
  readonly version: number;
  /** Strict: a field a producer adds must be added here first, where its consumers see it. */
  readonly payload: Payload;
  readonly producers: readonly Producer[];
  /**
   * `durable`: a saga step another service must act on exactly once. Besides pub/sub (at most once
   * to whoever listens), the outbox relay appends it to the event type's Redis Stream, which a
   * consumer group reads at least once and acknowledges after it has acted
   * (packages/platform/src/events/event-stream.ts).
   */
  readonly delivery?: 'durable';
}

/** Declares an event whose name starts with its aggregate, keeping its literal types. */
export function defineEvent<const Aggregate extends string, const Name extends `${Aggregate}.${string}`, Payload extends z.ZodType>(
  contract: DomainEventContract<Name, Aggregate, Payload>,
): DomainEventContract<Name, Aggregate, Payload> {
  return Object.freeze(contract);
}
