import type { Identity, Role } from '@studbook/platform';
import type { OrganizationLoaders } from '../organization/organization-loaders.js';
import type { OrganizationItem } from '../organization/organization-reads.js';
import type { UserLoaders } from './user-loaders.js';
import type { UserItem } from './user-store.js';

export interface UserServiceDeps {
  identity: Identity;
  loaders: UserLoaders & OrganizationLoaders;
}

/** Per-request reads of users, and which organisation a user's role and organisation refer to. */
export class UserService {
  constructor(private readonly deps: UserServiceDeps) {}

  async me(): Promise<UserItem | null> {
    if (this.deps.identity.kind !== 'user') return null;
    return this.deps.loaders.users.load(this.deps.identity.userId);
  }

  byId(userId: string): Promise<UserItem | null> {
    return this.deps.loaders.users.load(userId);
  }

  async roleOf(user: UserItem): Promise<Role> {
    const organizationId = this.scopeOf(user);
    const membership = await this.deps.loaders.memberships.load({ organizationId, userId: user.id });
    // Not a client mistake but broken data: let it be masked and logged.
    if (!membership) throw new Error(`User ${user.id} has no membership in organisation ${organizationId}`);
    return membership.role;
  }

  async organizationOf(user: UserItem): Promise<OrganizationItem> {
    const organizationId = this.scopeOf(user);
    const organization = await this.deps.loaders.organizations.load(organizationId);
    if (!organization) throw new Error(`Organisation ${organizationId} of user ${user.id} does not exist`);
    return organization;
  }

  /** The caller sees themselves in the organisation their session is scoped to; others in their default one. */
  private scopeOf(user: UserItem): string {
    const caller = this.deps.identity;
    return caller.kind === 'user' && caller.userId === user.id ? caller.organizationId : user.defaultOrganizationId;
  }
}
