import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import { sendRejection } from '@studbook/platform';

/**
 * Trusted documents: the app's operations, extracted at build by codegen's client preset
 * (persisted-documents.json, "sha256:<hex>" -> document). A request names one by
 * `extensions.persistedQuery.sha256Hash` (Apollo's persisted-query link) or `documentId`, and the
 * gateway runs the document it holds, so an app page never ships query text the server has not seen.
 *
 * Enforcement: `off` accepts any document (development, API clients, GraphiQL); `app-origin`
 * (NODE_ENV=production's default) refuses a document that is not trusted when the request comes
 * from the gateway's own origin, where the app runs, and leaves API clients (no Origin, or another
 * allowed one) as they were; `everyone` refuses untrusted documents from anybody.
 */
export type TrustedDocumentsMode = 'off' | 'app-origin' | 'everyone';

export interface TrustedDocuments {
  byHash: ReadonlyMap<string, string>;
  texts: ReadonlySet<string>;
}

export function loadTrustedDocuments(file: string): TrustedDocuments {
  const manifest: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const byHash = new Map(Object.entries(manifest).map(([hash, document]) => [bareHash(hash), document]));
  return { byHash, texts: new Set(byHash.values()) };
}

const bareHash = (hash: string) => hash.replace(/^sha256:/, '');

interface GraphQLBody {
  query?: unknown;
  documentId?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } } & Record<string, unknown>;
}

/** Mounted after the body is parsed and before anything reads `query`. */
export function trustedDocumentsMiddleware(documents: TrustedDocuments, mode: TrustedDocumentsMode): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET') {
      // The app posts; a GET (Express's query object is read-only) is only checked, never rewritten.
      const { query } = req.query as { query?: unknown };
      if (!enforced(req, mode) || (typeof query === 'string' && documents.texts.has(query))) return next();
      return refuse(res, 'UNTRUSTED_DOCUMENT');
    }
    const body = req.body as GraphQLBody | undefined;
    if (req.method !== 'POST' || !body || typeof body !== 'object' || Array.isArray(body)) return next();
    const named = typeof body.documentId === 'string' ? body.documentId : body.extensions?.persistedQuery?.sha256Hash;
    const trusted = typeof named === 'string' ? documents.byHash.get(bareHash(named)) : undefined;
    if (trusted !== undefined) {
      // Run the held document; Apollo's own persisted-query cache never sees the hash.
      body.query = trusted;
      delete body.documentId;
      if (body.extensions) delete body.extensions.persistedQuery;
      return next();
    }
    if (!enforced(req, mode) || (typeof body.query === 'string' && documents.texts.has(body.query))) return next();
    // An unknown hash alone: the persisted-query link then retries with the text, which is refused too.
    refuse(res, typeof named === 'string' && body.query === undefined ? 'PERSISTED_QUERY_NOT_FOUND' : 'UNTRUSTED_DOCUMENT');
  };
}

/**
 * The same rule for a graphql-ws `subscribe` message (the app subscribes over the socket with the
 * document's text): the text to run, or the refusal's code. The app's origin is the upgrade
 * request's: its Origin names the host the socket was opened on.
 */
export function trustedSocketDocument(
  documents: TrustedDocuments,
  mode: TrustedDocumentsMode,
  upgrade: IncomingMessage,
  payload: { query?: unknown; extensions?: GraphQLBody['extensions'] | null },
): { query: string } | { refused: 'UNTRUSTED_DOCUMENT' | 'PERSISTED_QUERY_NOT_FOUND' } {
  const named = payload.extensions?.persistedQuery?.sha256Hash;
  const trusted = typeof named === 'string' ? documents.byHash.get(bareHash(named)) : undefined;
  if (trusted !== undefined) return { query: trusted };
  const query = typeof payload.query === 'string' ? payload.query : '';
  if (!socketEnforced(upgrade, mode) || documents.texts.has(query)) return { query };
  return { refused: typeof named === 'string' && !query ? 'PERSISTED_QUERY_NOT_FOUND' : 'UNTRUSTED_DOCUMENT' };
}

export const UNTRUSTED_DOCUMENT_MESSAGE = 'Only the app’s trusted documents are accepted here: send a known document by its hash';

function socketEnforced(upgrade: IncomingMessage, mode: TrustedDocumentsMode): boolean {
  if (mode === 'everyone') return true;
  if (mode === 'off') return false;
  const origin = upgrade.headers.origin;
  if (origin === undefined) return false;
  try {
    return new URL(origin).host === upgrade.headers.host;
  } catch {
    // An Origin that is no URL is nobody's app: refuse what it sends rather than trust it.
    return true;
  }
}

function refuse(res: Response, code: string): void {
  sendRejection(res, 400, [{ message: UNTRUSTED_DOCUMENT_MESSAGE, extensions: { code } }]);
}

function enforced(req: Request, mode: TrustedDocumentsMode): boolean {
  if (mode === 'everyone') return true;
  if (mode === 'off') return false;
  const origin = req.header('origin');
  return origin !== undefined && origin === `${req.protocol}://${req.get('host')}`;
}
