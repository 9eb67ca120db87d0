import type { IncomingHttpHeaders } from 'node:http';
import { CLIENT_AGENT_HEADER, CLIENT_IP_HEADER, SESSION_HASH_HEADER, type Cache, type Identity, type Logger, type Metrics } from '@studbook/platform';
import type { UserTable } from './dynamo/user-table.js';
import { ConversationService } from './modules/conversation/conversation-service.js';
import { createOrganizationLoaders, type OrganizationLoaders } from './modules/organization/organization-loaders.js';
import { OrganizationService } from './modules/organization/organization-service.js';
import type { RecentOrganizations } from './modules/organization/recent-organizations.js';
import { PreferencesService } from './modules/preferences/preferences-service.js';
import type { SpeciesCatalog } from './modules/preferences/species-catalog.js';
import type { FieldCipher } from './modules/profile/field-cipher.js';
import { ProfileService } from './modules/profile/profile-service.js';
import { SessionService, type ClientInfo } from './modules/session/session-service.js';
import { AccountService } from './modules/user/account-service.js';
import type { SignInThrottleSettings } from './modules/user/sign-in-throttle.js';
import { createUserLoaders, type UserLoaders } from './modules/user/user-loaders.js';
import { UserService } from './modules/user/user-service.js';

const SESSION_HASH = /^[0-9a-f]{64}$/;

/** Every module's loaders, made afresh for each request. */
export type Loaders = UserLoaders & OrganizationLoaders;

export interface SubgraphContext {
  identity: Identity;
  loaders: Loaders;
  users: UserService;
  accounts: AccountService;
  sessions: SessionService;
  organizations: OrganizationService;
  profiles: ProfileService;
  preferences: PreferencesService;
  conversations: ConversationService;
}

export interface ContextDeps {
  table: UserTable;
  /** One per process, shared by its requests. */
  recentOrganizations: RecentOrganizations;
  cache: Cache;
  logger: Logger;
  metrics: Metrics;
  cipher: FieldCipher;
  sessionTtlSeconds: number;
  invitationTtlSeconds: number;
  signInThrottle: SignInThrottleSettings;
  speciesCatalog: SpeciesCatalog;
}

export function createContext(deps: ContextDeps, identity: Identity, request?: { headers: IncomingHttpHeaders; identityToken?: string }): SubgraphContext {
  const loaders: Loaders = { ...createUserLoaders(deps), ...createOrganizationLoaders(deps) };
  const header = (name: string) => {
    const value = request?.headers[name];
    return typeof value === 'string' && value.length > 0 ? value : null;
  };
  const hash = header(SESSION_HASH_HEADER);
  const sessionHash = hash && SESSION_HASH.test(hash) ? hash : null;
  const client: ClientInfo = { ip: header(CLIENT_IP_HEADER)?.slice(0, 64) ?? null, userAgent: header(CLIENT_AGENT_HEADER)?.slice(0, 512) ?? null };
  const sessions = new SessionService({ ...deps, identity, sessionHash, client, ttlSeconds: deps.sessionTtlSeconds });
  const organizations = new OrganizationService({ ...deps, loaders, identity, sessions });
  return {
    identity,
    loaders,
    users: new UserService({ identity, loaders }),
    accounts: new AccountService({ ...deps, loaders, sessions, organizations }),
    sessions,
    organizations,
    profiles: new ProfileService({ ...deps, loaders, identity }),
    preferences: new PreferencesService({
      table: deps.table,
      identity,
      // The caller's own token, forwarded: this subgraph cannot sign one and must not act for anyone else.
      findSpecies: async (name) => {
        if (!request?.identityToken) throw new Error('no identity token to ask the species catalog with');
        return deps.speciesCatalog.find(name, request.identityToken);
      },
    }),
    conversations: new ConversationService({ table: deps.table, loaders, identity }),
  };
}
