import { graphqlData, graphqlRequest, type GraphQLResponse } from '../../embedded/src/graphql-client.js';
import type { TypedDocumentString } from '../__generated__/graphql.js';

/** An operation's variables, optional when it declares none that are required, then the caller's session token. */
export type VariablesAndToken<V> = Record<string, never> extends V ? [variables?: V, token?: string] : [variables: V, token?: string];

export type GatewayResponse<T> = GraphQLResponse<T> & { status: number };

/** A typed operation (a String) or, where codegen cannot type one, a plain document string. */
export type Document = string | { toString(): string };

/** Sends an operation to the gateway at url, as the SPA does; the answer is typed by the operation. */
export function requestAt<R, V>(url: string, document: TypedDocumentString<R, V>, ...rest: VariablesAndToken<V>): Promise<GatewayResponse<R>>;
/** A document codegen cannot type (invalid on purpose: a bomb, an unknown field, bad input; or built at run time): its data is unknown. */
export function requestAt(url: string, query: string, variables?: Record<string, unknown>, token?: string): Promise<GatewayResponse<unknown>>;
export function requestAt(url: string, document: Document, variables: Record<string, unknown> = {}, token?: string) {
  return graphqlRequest<unknown>(url, document.toString(), variables, token);
}

/** Like requestAt but fails the test on any error. */
export function dataAt<R, V>(url: string, document: TypedDocumentString<R, V>, ...rest: VariablesAndToken<V>): Promise<R>;
export function dataAt(url: string, query: string, variables?: Record<string, unknown>, token?: string): Promise<unknown>;
export function dataAt(url: string, document: Document, variables: Record<string, unknown> = {}, token?: string) {
  return graphqlData<unknown>(url, document.toString(), variables, token);
}
