import {
  badInput,
  conflict,
  forbidden,
  hashSessionToken,
  idCursor,
  newSessionToken,
  notFound,
  parseIdCursor,
  requireUser,
  validId,
  validPageSize,
  type Identity,
  type Role,
  type UserIdentity,
} from '@studbook/platform';
import { v7 as uuidV7 } from 'uuid';
import { normalizeEmail } from '../../dynamo/keys.js';
import type { UserTable } from '../../dynamo/user-table.js';
import { writeTogether, type GroupedWrite } from '../../dynamo/write-together.js';
import type { SessionService } from '../session/session-service.js';
import { findUserIdByEmail, getUserConsistent, type UserItem } from '../user/user-reads.js';
import {
  getInvitation,
  invitationDeleteWrite,
  invitationPutWrite,
  invitationsById,
  listInvitations,
  spendInvitationWrite,
  type InvitationItem,
  type IssuedInvitation,
} from './invitation-store.js';
import { changeMembership, membershipWrite, ownerCountWrite, roleGuard, type MembershipChangeResult } from './membership-change.js';
import { getMembershipConsistent, listMembers, listMembershipsOfUser, type MembershipItem } from './membership-store.js';
import type { OrganizationLoaders } from './organization-loaders.js';
import type { RecentOrganizations } from './recent-organizations.js';
import { checkRetentionDays, validInvitationEmail, validOrganizationName } from './organization-input.js';
import {
  createOrganizationFor,
  ensureOwnerCount,
  getOrganizationConsistent,
  replaceDefaultOrganization,
  retentionDaysWrite,
  setDefaultOrganization,
  type OrganizationItem,
} from './organization-store.js';

export const DEFAULT_INVITATION_TTL_SECONDS = 7 * 24 * 60 * 60;
const MANAGERS: readonly Role[] = ['OWNER', 'ADMIN'];
const OWNERS: readonly Role[] = ['OWNER'];
const NO_LONGER_MANAGER = 'Only an OWNER or ADMIN can manage this organisation (your role changed meanwhile)';

export interface OrganizationServiceDeps {
  table: UserTable;
  loaders: OrganizationLoaders;
  identity: Identity;
  sessions: SessionService;
  invitationTtlSeconds: number;
  recentOrganizations: RecentOrganizations;
}

/** Per-request organisation and membership rules; every check reads the caller's role afresh. */
export class OrganizationService {
  constructor(private readonly deps: OrganizationServiceDeps) {}

  private get table() {
    return this.deps.table;
  }

  async mine(): Promise<MembershipItem[]> {
    const user = requireUser(this.deps.identity);
    return this.membershipsInJoinOrder(user.userId);
  }

  isCurrent(membership: MembershipItem): boolean {
    const caller = this.deps.identity;
    return caller.kind === 'user' && caller.userId === membership.userId && caller.organizationId === membership.organizationId;
  }

  /** An organisation another item points to; its absence is broken data, masked and logged. */
  async referencedBy(referrer: string, organizationId: string): Promise<OrganizationItem> {
    const organization = await this.deps.loaders.organizations.load(organizationId);
    if (!organization) throw new Error(`${referrer} points to missing organisation ${organizationId}`);
    return organization;
  }

  async create(name: string): Promise<MembershipItem> {
    const user = requireUser(this.deps.identity);
    return createOrganizationFor(this.table, user.userId, validOrganizationName(name));
  }

  /**
   * Where a new session of this user starts: their default (last used) organisation while they
   * still belong to it, else the one they joined first; a user removed from every organisation
   * gets a fresh one of their own, so that signing in (and then accepting an invitation) keeps working.
   */
  async signInOrganizationOf(user: UserItem): Promise<string> {
    if (await getMembershipConsistent(this.table, user.defaultOrganizationId, user.id)) return user.defaultOrganizationId;
    const organizationId = (await this.firstOrganizationOf(user.id)) ?? (await createOrganizationFor(this.table, user.id, `${user.name}'s organisation`)).organizationId;
    await replaceDefaultOrganization(this.table, user.id, organizationId, user.defaultOrganizationId);
    return organizationId;
  }

  async switchTo(organizationId: string): Promise<MembershipItem> {
    const user = requireUser(this.deps.identity);
    const membership = await getMembershipConsistent(this.table, validId(organizationId, 'organizationId'), user.userId);
    if (!membership) throw notFound('Organisation');
    await this.deps.sessions.rescopeCurrent(membership.organizationId);
    // The next sign-in starts where the user last worked.
    await setDefaultOrganization(this.table, user.userId, membership.organizationId);
    return membership;
  }

  async invite(rawEmail: string, role: Role): Promise<IssuedInvitation> {
    const manager = await this.requireManager();
    const email = validInvitationEmail(rawEmail);
    if (role === 'OWNER' && manager.role !== 'OWNER') throw forbidden('Only an OWNER can invite an OWNER');
    const existingUserId = await findUserIdByEmail(this.table, email);
    if (existingUserId && (await getMembershipConsistent(this.table, manager.organizationId, existingUserId))) throw conflict('Already a member of this organisation');

    const token = newSessionToken();
    const now = Date.now();
    const expiresAtMs = now + this.deps.invitationTtlSeconds * 1000;
    const invitation: InvitationItem = {
      // Monotonic within the process, so invitations sent in one millisecond still list newest first.
      id: uuidV7(),
      tokenHash: hashSessionToken(token),
      organizationId: manager.organizationId,
      email,
      role,
      invitedBy: manager.userId,
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(expiresAtMs).toISOString(),
      ttl: Math.floor(expiresAtMs / 1000),
    };
    // The inviter's role is checked again inside the write: one demoted meanwhile invites nobody.
    const guard = roleGuard(this.table, manager.organizationId, manager.userId, role === 'OWNER' ? OWNERS : MANAGERS);
    if (!(await writeTogether(this.table, [guard, invitationPutWrite(this.table, invitation)])).ok) throw forbidden(NO_LONGER_MANAGER);
    return { id: invitation.id, organizationId: invitation.organizationId, email, role, expiresAt: invitation.expiresAt, token };
  }

  /** The session organisation's pending invitations, newest first, for its managers. */
  async invitations(first: number | null | undefined, after: string | null | undefined) {
    const manager = await this.requireManager();
    const afterId = after ? parseIdCursor(after) : null;
    const page = await listInvitations(this.table, manager.organizationId, { first: validPageSize(first), afterId });
    const edges = page.rows.map((node) => ({ cursor: idCursor(node.id), node }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  /** Withdraws a pending invitation of the session's organisation; false when it is already gone. */
  async revokeInvitation(id: string): Promise<boolean> {
    const manager = await this.requireManager();
    const [invitation] = await invitationsById(this.table, manager.organizationId, validId(id, 'id'));
    if (!invitation) return false;
    if (invitation.role === 'OWNER' && manager.role !== 'OWNER') throw forbidden('Only an OWNER can withdraw an OWNER invitation');
    const guard = roleGuard(this.table, manager.organizationId, manager.userId, invitation.role === 'OWNER' ? OWNERS : MANAGERS);
    const result = await writeTogether(this.table, [guard, invitationDeleteWrite(this.table, invitation)]);
    if (!result.ok && result.failedIndex === 0) throw forbidden(NO_LONGER_MANAGER);
    // A failed delete: accepted or revoked meanwhile (GSI1 lags), so already gone.
    return result.ok;
  }

  async accept(token: string): Promise<MembershipItem> {
    const user = requireUser(this.deps.identity);
    const invitation = token.length <= 512 ? await getInvitation(this.table, hashSessionToken(token)) : null;
    if (!invitation) throw notFound('Invitation (it may have been used already)');
    const now = new Date();
    if (!(Date.parse(invitation.expiresAt) > now.getTime())) throw badInput('This invitation has expired; ask for a new one', 'token');
    const profile = await getUserConsistent(this.table, user.userId);
    if (!profile || normalizeEmail(profile.email) !== invitation.email) throw forbidden('This invitation is for another email address');
    if (await getMembershipConsistent(this.table, invitation.organizationId, user.userId)) throw conflict('Already a member of this organisation');
    const organization = await this.organizationOrFail(invitation.organizationId);
    if (invitation.role === 'OWNER' && organization.ownerCount === undefined) await ensureOwnerCount(this.table, organization.id);

    const membership: MembershipItem = { organizationId: invitation.organizationId, userId: user.userId, role: invitation.role, createdAt: now.toISOString() };
    // The inviter must still be a manager (an OWNER, for an OWNER invitation) when it is accepted:
    // demoting or removing them withdraws what they handed out. Then the invitation is the
    // serialisation point: of concurrent acceptances only one deletes it.
    const writes: GroupedWrite[] = [
      roleGuard(this.table, invitation.organizationId, invitation.invitedBy, invitation.role === 'OWNER' ? OWNERS : MANAGERS),
      spendInvitationWrite(this.table, invitation, now),
      membershipWrite(this.table, { organization, userId: user.userId, from: null, to: invitation.role, createdAt: membership.createdAt }),
    ];
    if (invitation.role === 'OWNER') writes.push(ownerCountWrite(this.table, organization.id, +1));
    const result = await writeTogether(this.table, writes);
    if (!result.ok) {
      if (result.failedIndex === 0) throw forbidden('Whoever invited you can no longer grant this role here; ask a manager for a new invitation');
      if (result.failedIndex === 1) throw notFound('Invitation (it may have been used already)');
      throw conflict('Already a member of this organisation');
    }
    return membership;
  }

  async changeRole(userId: string, role: Role): Promise<MembershipItem> {
    const manager = await this.requireManager();
    const target = await this.memberOrFail(manager.organizationId, validId(userId, 'userId'));
    if (manager.role !== 'OWNER' && (target.role === 'OWNER' || role === 'OWNER')) throw forbidden('Only an OWNER can grant or take the OWNER role');
    if (target.role === role) return target;
    const organization = await this.organizationOrFail(manager.organizationId);
    const guard = this.managerGuard(manager, target.userId, target.role === 'OWNER' || role === 'OWNER');
    this.check(await changeMembership(this.table, { organization, userId: target.userId, from: target.role, to: role, guard }));
    // Like a removal: every gateway resolves the member's sessions there again, with the new role.
    await this.deps.sessions.forgetScopedTo(target.userId, organization.id);
    return { ...target, role };
  }

  async remove(userId: string): Promise<boolean> {
    const manager = await this.requireManager();
    const target = await this.memberOrFail(manager.organizationId, validId(userId, 'userId'));
    if (manager.role !== 'OWNER' && target.role === 'OWNER') throw forbidden('Only an OWNER can remove an OWNER');
    const organization = await this.organizationOrFail(manager.organizationId);
    const guard = this.managerGuard(manager, target.userId, target.role === 'OWNER');
    this.check(await changeMembership(this.table, { organization, userId: target.userId, from: target.role, to: null, guard }));
    await this.deps.sessions.endScopedTo(target.userId, organization.id);
    await this.moveDefaultOrganizationAway(target.userId, organization.id);
    return true;
  }

  async leave(organizationId: string): Promise<boolean> {
    const user = requireUser(this.deps.identity);
    const id = validId(organizationId, 'organizationId');
    if (user.organizationId === id) throw conflict('Switch to another organisation before leaving this one');
    const membership = await this.memberOrFail(id, user.userId);
    const organization = await this.organizationOrFail(id);
    this.check(await changeMembership(this.table, { organization, userId: user.userId, from: membership.role, to: null }));
    await this.deps.sessions.endScopedTo(user.userId, id);
    await this.moveDefaultOrganizationAway(user.userId, id);
    return true;
  }

  /** An organisation's members, for its members only (null for anyone else). */
  async members(organizationId: string, first: number, after: string | null) {
    if (!(await this.callerBelongsTo(organizationId))) return null;
    return listMembers(this.table, organizationId, { first, afterUserId: after });
  }

  async retentionDaysOf(organization: OrganizationItem): Promise<number | null> {
    return (await this.callerBelongsTo(organization.id)) ? (organization.retentionDays ?? null) : null;
  }

  async setRetention(days: number | null): Promise<OrganizationItem> {
    const manager = await this.requireManager();
    checkRetentionDays(days);
    const result = await writeTogether(this.table, [
      roleGuard(this.table, manager.organizationId, manager.userId, MANAGERS),
      retentionDaysWrite(this.table, manager.organizationId, days),
    ]);
    if (!result.ok) throw result.failedIndex === 0 ? forbidden(NO_LONGER_MANAGER) : notFound('Organisation');
    this.deps.recentOrganizations.forget(manager.organizationId);
    const organization = await this.organizationOrFail(manager.organizationId);
    return { ...organization, retentionDays: days };
  }

  /**
   * After a user left or was removed from an organisation: if it was their default, their default
   * (the organisation others see them in) becomes the first one they still belong to.
   */
  private async moveDefaultOrganizationAway(userId: string, leftOrganizationId: string): Promise<void> {
    const user = await getUserConsistent(this.table, userId);
    if (user?.defaultOrganizationId !== leftOrganizationId) return;
    const next = await this.firstOrganizationOf(userId, leftOrganizationId);
    if (next) await replaceDefaultOrganization(this.table, userId, next, leftOrganizationId);
  }

  private async firstOrganizationOf(userId: string, except?: string): Promise<string | undefined> {
    return (await this.membershipsInJoinOrder(userId)).find((m) => m.organizationId !== except)?.organizationId;
  }

  private async membershipsInJoinOrder(userId: string): Promise<MembershipItem[]> {
    const memberships = await listMembershipsOfUser(this.table, userId);
    return memberships.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  private async callerBelongsTo(organizationId: string): Promise<boolean> {
    const caller = this.deps.identity;
    if (caller.kind !== 'user') return false;
    return (await this.deps.loaders.memberships.load({ organizationId, userId: caller.userId })) !== null;
  }

  private async requireManager(): Promise<UserIdentity> {
    const user = requireUser(this.deps.identity);
    const membership = await getMembershipConsistent(this.table, user.organizationId, user.userId);
    if (!membership || !MANAGERS.includes(membership.role)) throw forbidden('Only an OWNER or ADMIN can manage this organisation');
    return { ...user, role: membership.role };
  }

  /**
   * The check, inside the change, that the acting manager still holds the role it needs. Acting on
   * their own membership needs none: that write is already conditioned on the role read, and a
   * transaction may touch an item only once.
   */
  private managerGuard(manager: UserIdentity, targetUserId: string, needsOwner: boolean) {
    if (targetUserId === manager.userId) return undefined;
    return roleGuard(this.table, manager.organizationId, manager.userId, needsOwner ? OWNERS : MANAGERS);
  }

  private async memberOrFail(organizationId: string, userId: string): Promise<MembershipItem> {
    const membership = await getMembershipConsistent(this.table, organizationId, userId);
    if (!membership) throw notFound('Member');
    return membership;
  }

  private async organizationOrFail(organizationId: string): Promise<OrganizationItem> {
    const organization = await getOrganizationConsistent(this.table, organizationId);
    if (!organization) throw notFound('Organisation');
    return organization;
  }

  private check(result: MembershipChangeResult): void {
    if (result === 'last-owner') throw conflict('An organisation must keep at least one OWNER');
    if (result === 'stale') throw conflict("The member's role changed meanwhile; reload and try again");
    if (result === 'forbidden') throw forbidden(NO_LONGER_MANAGER);
  }
}
