import type { IncomingHttpHeaders } from 'node:http';
import { SESSION_HASH_HEADER, type Cache, type Identity, type Logger, type Metrics } from '@studbook/platform';
import type { UserTable } from './dynamo/user-table.js';
import { createLoaders, type Loaders } from './loaders.js';
import { SessionService } from './modules/session/session-service.js';
import { AccountService } from './modules/user/account-service.js';
import { UserService } from './modules/user/user-service.js';

const SESSION_HASH = /^[0-9a-f]{64}$/;

export interface SubgraphContext {
  identity: Identity;
  loaders: Loaders;
  users: UserService;
  accounts: AccountService;
  sessions: SessionService;
}

export interface ContextDeps {
  table: UserTable;
  cache: Cache;
  logger: Logger;
  metrics: Metrics;
  sessionTtlSeconds: number;
}

export function createContext(deps: ContextDeps, identity: Identity, request?: { headers: IncomingHttpHeaders }): SubgraphContext {
  const loaders = createLoaders(deps.table);
  const header = request?.headers[SESSION_HASH_HEADER];
  const sessionHash = typeof header === 'string' && SESSION_HASH.test(header) ? header : null;
  const sessions = new SessionService({ ...deps, loaders, identity, sessionHash, ttlSeconds: deps.sessionTtlSeconds });
  return {
    identity,
    loaders,
    users: new UserService(identity, loaders),
    accounts: new AccountService({ ...deps, loaders, sessions }),
    sessions,
  };
}
