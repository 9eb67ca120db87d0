import { randomUUID } from 'node:crypto';
import { conflict, ErrorCode, userError, type Logger, type Metrics } from '@studbook/platform';
import type { SignUpInput } from '../../__generated__/resolvers-types.js';
import type { UserTable } from '../../dynamo/user-table.js';
import type { Loaders } from '../../loaders.js';
import type { SessionService } from '../session/session-service.js';
import { createAccount } from './account-store.js';
import { hashForUnknownUser, hashPassword, verifyPassword } from './password.js';
import { MAX_EMAIL_LENGTH, PASSWORD_LENGTH, parseSignUpInput } from './sign-up-input.js';
import { findCredentialsByEmail, type UserItem } from './user-store.js';

export interface AuthResult {
  token: string;
  user: UserItem;
}

export interface AccountServiceDeps {
  table: UserTable;
  loaders: Loaders;
  sessions: SessionService;
  logger: Logger;
  metrics: Metrics;
}

/** Per-request sign-up and sign-in. */
export class AccountService {
  constructor(private readonly deps: AccountServiceDeps) {}

  async signUp(rawInput: SignUpInput): Promise<AuthResult> {
    const input = parseSignUpInput(rawInput);
    const now = new Date().toISOString();
    const organization = { id: randomUUID(), name: input.organizationName, createdAt: now };
    const user: UserItem = { id: randomUUID(), email: input.email, name: input.name, defaultOrganizationId: organization.id, createdAt: now };
    const membership = { organizationId: organization.id, userId: user.id, role: 'OWNER' as const, createdAt: now };

    const result = await createAccount(this.deps.table, { user, organization, membership, passwordHash: await hashPassword(input.password) });
    this.count('studbook_user_sign_ups_total', 'Sign-up attempts by result', result);
    if (result === 'email-taken') throw conflict('Email already registered');
    this.deps.logger.info('account created', { userId: user.id, organizationId: organization.id });

    // What was just written may not be readable yet (BatchGetItem is eventually consistent).
    const { loaders } = this.deps;
    loaders.users.prime(user.id, user);
    loaders.organizations.prime(organization.id, organization);
    loaders.memberships.prime(membership, membership);
    return { token: await this.deps.sessions.create(user.id, organization.id), user };
  }

  async signIn(email: string, password: string): Promise<AuthResult> {
    // Oversized input is refused before any lookup or hashing, with the same error as a wrong password.
    const plausible = email.trim().length <= MAX_EMAIL_LENGTH && password.length <= PASSWORD_LENGTH.max;
    const user = plausible ? await this.checkCredentials(email, password) : null;
    this.count('studbook_user_sign_ins_total', 'Sign-in attempts by result', user ? 'ok' : 'invalid');
    if (!user) throw userError(ErrorCode.Unauthenticated, 'Invalid email or password');
    return { token: await this.deps.sessions.create(user.id, user.defaultOrganizationId), user };
  }

  private async checkCredentials(email: string, password: string): Promise<UserItem | null> {
    const credentials = await findCredentialsByEmail(this.deps.table, email);
    // Unknown emails still cost one hash check, so timing does not tell registered addresses apart.
    const matches = await verifyPassword(password, credentials?.passwordHash ?? (await hashForUnknownUser()));
    return credentials && matches ? this.deps.loaders.users.load(credentials.userId) : null;
  }

  private count(name: string, help: string, result: string): void {
    this.deps.metrics.increment(name, help, { result });
  }
}
