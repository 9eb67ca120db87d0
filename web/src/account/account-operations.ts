import { graphql } from '../__generated__';

export const MY_SESSIONS = graphql(`query WebMySessions { mySessions { id device userAgent ip createdAt lastSeenAt current organization { id name } } }`);

export const REVOKE_SESSION = graphql(`mutation WebRevokeSession($id: ID!) { revokeSession(id: $id) }`);

export const MEMBERS = graphql(`
  query WebMembers {
    me { id role organization { id name members(first: 100) { edges { node { role joinedAt user { id name email } } } } } }
  }
`);

export const CHANGE_ROLE = graphql(`mutation WebChangeMemberRole($userId: ID!, $role: Role!) { changeMemberRole(userId: $userId, role: $role) { role user { id } } }`);

export const MY_PROFILE = graphql(`query WebMyProfile { me { id name email profile { phone address locale timeZone } } }`);

export const UPDATE_PROFILE = graphql(`
  mutation WebUpdateProfile($input: UpdateProfileInput!) { updateProfile(input: $input) { id name profile { phone address locale timeZone } } }
`);

export const MY_PREFERENCES = graphql(`
  query WebMyPreferences {
    myPreferences { units defaultSpecies pedigreeDepth version updatedAt notifications { breedingEvents marketplaceActivity weeklyDigest } }
  }
`);

export const UPDATE_MY_PREFERENCES = graphql(`
  mutation WebUpdateMyPreferences($input: PreferencesInput!, $expectedVersion: Int!) {
    updateMyPreferences(input: $input, expectedVersion: $expectedVersion) {
      units defaultSpecies pedigreeDepth version updatedAt notifications { breedingEvents marketplaceActivity weeklyDigest }
    }
  }
`);

export const INVITATIONS = graphql(`
  query WebInvitations { invitations(first: 50) { edges { node { id email role createdAt expiresAt invitedBy { id name } } } } }
`);

export const INVITE_MEMBER = graphql(`
  mutation WebInviteMember($email: String!, $role: Role!) { inviteMember(email: $email, role: $role) { id email role expiresAt token organization { id name } } }
`);

export const REVOKE_INVITATION = graphql(`mutation WebRevokeInvitation($id: ID!) { revokeInvitation(id: $id) }`);

export const ACCEPT_INVITATION = graphql(`
  mutation WebAcceptInvitation($token: String!) { acceptInvitation(token: $token) { role current organization { id name } } }
`);
