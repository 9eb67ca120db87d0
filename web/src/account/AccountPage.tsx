import { useMutation, useQuery } from '@apollo/client/react';
import { Button } from 'react-aria-components';
import { SelectInput } from '../ui/SelectInput';
import { Empty, ErrorMessage, Loading } from '../ui/Status';
import { CHANGE_ROLE, MEMBERS, MY_SESSIONS, REVOKE_SESSION } from './account-operations';
import { Invitations } from './Invitations';
import { PreferencesForm } from './PreferencesForm';
import { ProfileForm } from './ProfileForm';

const ROLES = ['OWNER', 'ADMIN', 'MEMBER', 'VIEWER'].map((role) => ({ id: role, label: role.charAt(0) + role.slice(1).toLowerCase() }));

/** The user's profile and preferences, where they are signed in (with revoke), the organisation's members and, for managers, roles and invitations. */
export default function AccountPage() {
  return (
    <section aria-labelledby="account-title">
      <h1 id="account-title">Account</h1>
      <ProfileForm />
      <PreferencesForm />
      <SignedInSessions />
      <Members />
    </section>
  );
}

function SignedInSessions() {
  const { data, loading, error, refetch } = useQuery(MY_SESSIONS, { fetchPolicy: 'cache-and-network' });
  const [revoke, revoking] = useMutation(REVOKE_SESSION);
  const sessions = data?.mySessions ?? [];
  return (
    <section aria-labelledby="sessions-title" className="card">
      <h2 id="sessions-title">Where you are signed in</h2>
      {loading && !data && <Loading />}
      <ErrorMessage error={error ?? revoking.error} />
      {data && sessions.length === 0 && <Empty>No sessions.</Empty>}
      {sessions.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Device</th>
              <th scope="col">Organisation</th>
              <th scope="col">Last seen</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => (
              <tr key={session.id}>
                <td>
                  {session.device}
                  {session.ip ? <span className="muted"> ({session.ip})</span> : null}
                </td>
                <td>{session.organization.name}</td>
                <td>{new Date(session.lastSeenAt).toLocaleString()}</td>
                <td>
                  {session.current ? (
                    'This browser'
                  ) : (
                    <Button
                      className="button small"
                      aria-label={`Sign out ${session.device}`}
                      isDisabled={revoking.loading}
                      onPress={async () => {
                        await revoke({ variables: { id: session.id } }).catch(() => undefined);
                        await refetch();
                      }}
                    >
                      Sign out
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Members() {
  const { data, error } = useQuery(MEMBERS);
  const [changeRole, changing] = useMutation(CHANGE_ROLE);
  const me = data?.me;
  const manager = me?.role === 'OWNER' || me?.role === 'ADMIN';
  const members = me?.organization.members?.edges.map((edge) => edge.node) ?? [];
  return (
    <>
      <section aria-labelledby="members-title" className="card">
        <h2 id="members-title">Members of {me?.organization.name ?? 'your organisation'}</h2>
        <ErrorMessage error={error ?? changing.error} />
        {!manager && me && <p className="explain">Only owners and admins change roles.</p>}
        <ul className="members">
          {members.map((member) => (
            <li key={member.user.id}>
              <span>
                {member.user.name} <span className="muted">{member.user.email}</span>
              </span>
              {manager && member.user.id !== me?.id ? (
                <SelectInput
                  label={`Role of ${member.user.name}`}
                  value={member.role}
                  options={ROLES}
                  onChange={(role) => changeRole({ variables: { userId: member.user.id, role: role as 'MEMBER' } }).catch(() => undefined)}
                />
              ) : (
                <span>{member.role.toLowerCase()}</span>
              )}
            </li>
          ))}
        </ul>
      </section>
      {manager && me && <Invitations organizationName={me.organization.name} />}
    </>
  );
}
