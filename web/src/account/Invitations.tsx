import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { codedErrors, fieldErrors, formErrors } from '../api/errors';
import { SelectInput } from '../ui/SelectInput';
import { Empty, ErrorMessage, FormErrors } from '../ui/Status';
import { TextInput } from '../ui/TextInput';
import { INVITATIONS, INVITE_MEMBER, REVOKE_INVITATION } from './account-operations';
import { invitationLink } from './invitation-link';

const ROLES = ['MEMBER', 'VIEWER', 'ADMIN', 'OWNER'].map((role) => ({ id: role, label: role.charAt(0) + role.slice(1).toLowerCase() }));
type Role = 'OWNER' | 'ADMIN' | 'MEMBER' | 'VIEWER';

/**
 * OWNER or ADMIN: invite by email and withdraw pending invitations. Studbook sends no email, so the
 * link is shown once, to copy and hand over; only its hash is stored, so it cannot be shown again.
 */
export function Invitations({ organizationName }: { organizationName: string }) {
  const pending = useQuery(INVITATIONS, { fetchPolicy: 'cache-and-network' });
  const [invite, inviting] = useMutation(INVITE_MEMBER);
  const [revoke, revoking] = useMutation(REVOKE_INVITATION);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('MEMBER');
  const [link, setLink] = useState<{ email: string; url: string } | null>(null);
  const errors = codedErrors(inviting.error);
  const byField = fieldErrors(errors);
  const invitations = pending.data?.invitations.edges.map((edge) => edge.node) ?? [];

  async function submit(event: FormEvent) {
    event.preventDefault();
    setLink(null);
    const result = await invite({ variables: { email, role } }).catch(() => undefined);
    const created = result?.data?.inviteMember;
    if (!created) return;
    setLink({ email: created.email, url: invitationLink(window.location.origin, created.token) });
    setEmail('');
    await pending.refetch();
  }

  return (
    <section aria-labelledby="invitations-title" className="card">
      <h2 id="invitations-title">Invite to {organizationName}</h2>
      {/* aria: the API's sentence at the field rather than the browser's own bubble for a malformed email. */}
      <Form onSubmit={submit} className="form" validationBehavior="aria">
        <TextInput label="Their email" type="email" value={email} onChange={setEmail} error={byField.email} autoComplete="off" isRequired />
        <SelectInput label="Role" value={role} onChange={(value) => setRole(value as Role)} error={byField.role} options={ROLES} />
        <FormErrors sentences={formErrors(errors, ['email', 'role'])} />
        <Button type="submit" className="button primary" isDisabled={inviting.loading}>
          {inviting.loading ? 'Inviting…' : 'Invite'}
        </Button>
      </Form>
      {link && (
        <div className="notice" role="status">
          <p>Send this link to {link.email}. It works once, for 7 days, for that email only, and is not shown again.</p>
          <TextInput label="Invitation link" value={link.url} onChange={() => undefined} />
          <Button className="button small" onPress={() => navigator.clipboard?.writeText(link.url).catch(() => undefined)}>
            Copy link
          </Button>
        </div>
      )}
      <h3>Waiting to be accepted</h3>
      <ErrorMessage error={pending.error ?? revoking.error} />
      {pending.data && invitations.length === 0 && <Empty>No pending invitations.</Empty>}
      {invitations.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Invited by</th>
              <th scope="col">Expires</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {invitations.map((invitation) => (
              <tr key={invitation.id}>
                <td>{invitation.email}</td>
                <td>{invitation.role.toLowerCase()}</td>
                <td>{invitation.invitedBy?.name ?? '—'}</td>
                <td>{new Date(invitation.expiresAt).toLocaleDateString()}</td>
                <td>
                  <Button
                    className="button small"
                    aria-label={`Withdraw the invitation to ${invitation.email}`}
                    isDisabled={revoking.loading}
                    onPress={async () => {
                      await revoke({ variables: { id: invitation.id } }).catch(() => undefined);
                      await pending.refetch();
                    }}
                  >
                    Withdraw
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
