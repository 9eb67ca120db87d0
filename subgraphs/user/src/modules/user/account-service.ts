import { randomUUID } from 'node:crypto';
import { conflict, ErrorCode, userError, type Logger, type Metrics } from '@studbook/platform';
import type { SignUpInput } from '../../__generated__/resolvers-types.js';
import type { UserTable } from '../../dynamo/user-table.js';
import type { OrganizationLoaders } from '../organization/organization-loaders.js';
import type { OrganizationService } from '../organization/organization-service.js';
import type { SessionService } from '../session/session-service.js';
import { createAccount } from './account-store.js';
import { hashForUnknownUser, hashPassword, needsRehash, verifyPassword } from './password.js';
import { reserveSignInAttempt, type SignInThrottleSettings } from './sign-in-throttle.js';
import { MAX_EMAIL_LENGTH, PASSWORD_LENGTH, parseSignUpInput } from './user-input.js';
import type { UserLoaders } from './user-loaders.js';
import { findCredentialsByEmail, replacePasswordHash, type UserItem } from './user-store.js';

export interface AuthResult {
  token: string;
  user: UserItem;
}

export interface AccountServiceDeps {
  table: UserTable;
  loaders: UserLoaders & OrganizationLoaders;
  sessions: SessionService;
  /** Where a signed-in session starts. */
  organizations: OrganizationService;
  signInThrottle: SignInThrottleSettings;
  logger: Logger;
  metrics: Metrics;
}

/**
 * Per-request sign-up and sign-in: an account is a user with the organisation, membership and
 * session they start with, so it spans the other modules, reached through their services.
 */
export class AccountService {
  constructor(private readonly deps: AccountServiceDeps) {}

  async signUp(rawInput: SignUpInput): Promise<AuthResult> {
    const input = parseSignUpInput(rawInput);
    const now = new Date().toISOString();
    const organization = { id: randomUUID(), name: input.organizationName, createdAt: now, ownerCount: 1 };
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
    // UTF-16 units: a password of the longest allowed length in code points may take twice as many.
    const plausible = email.trim().length <= MAX_EMAIL_LENGTH && password.length <= 2 * PASSWORD_LENGTH.max;
    if (!plausible) return this.refuse('invalid');
    // The slot is taken before the password is checked, so parallel attempts (aliased fields of
    // one request included) cannot go past the limit; a success gives it back.
    const reservation = await reserveSignInAttempt(this.deps.table, email, this.deps.signInThrottle);
    if (!reservation.allowed) {
      this.count('studbook_user_sign_ins_total', 'Sign-in attempts by result', 'throttled');
      const minutes = Math.ceil(reservation.retryAfterSeconds / 60);
      throw userError(
        ErrorCode.TooManyRequests,
        `Too many failed sign-ins for this email. Try again in ${minutes} minute${minutes === 1 ? '' : 's'} (after ${reservation.retryAt.toISOString().slice(11, 16)} UTC).`,
        { retryAfterSeconds: reservation.retryAfterSeconds },
      );
    }
    const user = await this.checkCredentials(email, password);
    if (!user) return this.refuse('invalid');
    await reservation.release();
    this.count('studbook_user_sign_ins_total', 'Sign-in attempts by result', 'ok');
    const organizationId = await this.deps.organizations.signInOrganizationOf(user);
    return { token: await this.deps.sessions.create(user.id, organizationId), user: { ...user, defaultOrganizationId: organizationId } };
  }

  private refuse(result: string): never {
    this.count('studbook_user_sign_ins_total', 'Sign-in attempts by result', result);
    throw userError(ErrorCode.Unauthenticated, 'Invalid email or password');
  }

  private async checkCredentials(email: string, password: string): Promise<UserItem | null> {
    const credentials = await findCredentialsByEmail(this.deps.table, email);
    // Unknown emails still cost one hash check, so timing does not tell registered addresses apart.
    const matches = await verifyPassword(password, credentials?.passwordHash ?? (await hashForUnknownUser()));
    if (!credentials || !matches) return null;
    if (needsRehash(credentials.passwordHash)) await this.rehash(credentials.userId, credentials.passwordHash, password);
    return this.deps.loaders.users.load(credentials.userId);
  }

  /** Moves a legacy (scrypt) hash to Argon2id while the password is known; a failure only waits for the next sign-in. */
  private async rehash(userId: string, stored: string, password: string): Promise<void> {
    try {
      const replaced = await replacePasswordHash(this.deps.table, userId, stored, await hashPassword(password));
      this.count('studbook_user_password_rehashes_total', 'Legacy password hashes replaced at sign-in', replaced ? 'ok' : 'changed-meanwhile');
    } catch (error) {
      this.deps.logger.warn('password rehash failed', { userId, error: String(error) });
    }
  }

  private count(name: string, help: string, result: string): void {
    this.deps.metrics.increment(name, help, { result });
  }
}
