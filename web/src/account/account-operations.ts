import { graphql } from '../__generated__';

export const MY_SESSIONS = graphql(`query WebMySessions { mySessions { id device userAgent ip createdAt lastSeenAt current organization { id name } } }`);

export const REVOKE_SESSION = graphql(`mutation WebRevokeSession($id: ID!) { revokeSession(id: $id) }`);

export const MEMBERS = graphql(`
  query WebMembers {
    me { id role organization { id name members(first: 100) { edges { node { role joinedAt user { id name email } } } } } }
  }
`);

export const CHANGE_ROLE = graphql(`mutation WebChangeMemberRole($userId: ID!, $role: Role!) { changeMemberRole(userId: $userId, role: $role) { role user { id } } }`);
