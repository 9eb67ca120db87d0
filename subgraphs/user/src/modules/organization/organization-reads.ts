/** What other modules may read of organisations and memberships: sessions and preferences need a caller's role. */
export type { MembershipItem } from './membership-store.js';
export type { OrganizationItem } from './organization-store.js';
export { getMembershipConsistent } from './membership-store.js';
