import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { dataAt, type Document } from '../support/operations.js';
import type { BreedingEventType, RecordBreedingEventInput, Sex, TypedDocumentString } from '../__generated__/graphql.js';
import { graphql } from '../__generated__/index.js';

export interface Received<T> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: (string | number)[] }[];
}

/** The gateway's WebSocket URL for its HTTP GraphQL URL. */
export const wsUrlOf = (httpUrl: string) => httpUrl.replace(/^http/, 'ws');

/** A graphql-ws client as the SPA makes one: the session token in connection_init, no retries. */
export function connect(httpUrl: string, token: string | undefined, connectionParams?: Record<string, unknown>) {
  let closeCode: number | undefined;
  const client: Client = createClient({
    url: wsUrlOf(httpUrl),
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: connectionParams ?? (token ? { authorization: `Bearer ${token}` } : {}),
    onNonLazyError: () => undefined,
  });
  const closed = new Promise<number>((resolve) => {
    client.on('closed', (event) => {
      closeCode = (event as { code: number }).code;
      resolve(closeCode);
    });
  });
  return {
    client,
    closed,
    get closeCode() {
      return closeCode;
    },
    dispose: () => client.dispose(),
  };
}

/**
 * A running subscription: collects every result, lets a test wait for the next n of them, and
 * records how it ended (completed, an error message, or the socket closing).
 */
export function subscribe<R, V>(client: Client, document: TypedDocumentString<R, V>, ...variables: VariablesOnly<V>): Subscription<R>;
/** A document codegen cannot type (invalid on purpose, or a query sent as a subscription): its data is unknown. */
export function subscribe(client: Client, query: string, variables?: Record<string, unknown>): Subscription<unknown>;
export function subscribe(client: Client, document: Document, variables: Record<string, unknown> = {}): Subscription<unknown> {
  return collect<unknown>(client, document.toString(), variables);
}

/** An operation's variables, optional when it declares none that are required. */
type VariablesOnly<V> = Record<string, never> extends V ? [variables?: V] : [variables: V];

export type Subscription<T> = ReturnType<typeof collect<T>>;

function collect<T>(client: Client, query: string, variables: Record<string, unknown>) {
  const results: Received<T>[] = [];
  let waiters: { count: number; resolve: () => void }[] = [];
  let ended: { error?: unknown } | undefined;
  const endWaiters: ((value: { error?: unknown }) => void)[] = [];
  const notify = () => {
    waiters = waiters.filter((waiter) => (results.length >= waiter.count || ended ? (waiter.resolve(), false) : true));
  };
  const stop = client.subscribe<T>(
    { query, variables },
    {
      next: (result) => {
        results.push(result as Received<T>);
        notify();
      },
      error: (error) => {
        ended = { error };
        for (const resolve of endWaiters) resolve(ended!);
        notify();
      },
      complete: () => {
        ended ??= {};
        for (const resolve of endWaiters) resolve(ended!);
        notify();
      },
    },
  );
  return {
    results,
    stop,
    /** Resolves when at least `count` results arrived in all (or the subscription ended). */
    async waitFor(count: number, timeoutMs = 15_000): Promise<Received<T>[]> {
      if (results.length < count && !ended) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`waited ${timeoutMs} ms for ${count} results, got ${results.length}`)), timeoutMs);
          waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
        });
      }
      return results;
    },
    ended: () => (ended ? Promise.resolve(ended) : new Promise<{ error?: unknown }>((resolve) => endWaiters.push(resolve))),
  };
}

/** A sire and a dam of the caller's and a session pairing them. */
export async function newBreedingSession(gatewayUrl: string, token: string, label = 'Pair'): Promise<{ sessionId: string; sireId: string; damId: string }> {
  const create = (name: string, sex: Sex) =>
    dataAt(
      gatewayUrl,
      graphql(`mutation WsClientCreateAnimal($input: CreateAnimalInput!) { createAnimal(input: $input) { id } }`),
      { input: { name, sex, species: 'Ball python' } },
      token,
    );
  const [sire, dam] = await Promise.all([create(`${label} sire`, 'MALE'), create(`${label} dam`, 'FEMALE')]);
  const started = await dataAt(
    gatewayUrl,
    graphql(`mutation WsClientStartBreedingSession($input: StartBreedingSessionInput!) { startBreedingSession(input: $input) { id } }`),
    { input: { sireId: sire.createAnimal.id, damId: dam.createAnimal.id } },
    token,
  );
  return { sessionId: started.startBreedingSession.id, sireId: sire.createAnimal.id, damId: dam.createAnimal.id };
}

export const RECORD_EVENT = graphql(`
  mutation RecordLiveEvent($input: RecordBreedingEventInput!) { recordBreedingEvent(input: $input) { id cursor type } }
`);

export async function recordEvent(
  gatewayUrl: string,
  token: string,
  sessionId: string,
  type: BreedingEventType,
  extra: Omit<RecordBreedingEventInput, 'sessionId' | 'type'> = {},
) {
  const data = await dataAt(gatewayUrl, RECORD_EVENT, { input: { sessionId, type, ...extra } }, token);
  return data.recordBreedingEvent;
}
