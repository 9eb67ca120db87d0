import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { codedErrors, fieldErrors, formErrors } from '../api/errors';
import { SelectInput } from '../ui/SelectInput';
import { ErrorMessage, FormErrors } from '../ui/Status';
import { TextInput } from '../ui/TextInput';
import { PROJECT_ROLES, titleCase } from './project-labels';
import { ADD_PROJECT_MEMBER, CHANGE_PROJECT_MEMBER_ROLE, REMOVE_PROJECT_MEMBER } from './project-operations';
import { projectInvitationLink } from './project-invitation-link';

type Role = (typeof PROJECT_ROLES)[number];

interface Member {
  userId: string;
  email?: string | null;
  role: Role;
  joinedAt: string;
}

/** The members and their roles; a LEAD changes roles, removes members and invites by email (the link to send is shown once). */
export function ProjectMembers({ projectId, members, canManage, myUserId }: { projectId: string; members: readonly Member[]; canManage: boolean; myUserId?: string }) {
  const refetch = { refetchQueries: ['WebResearchProject'] };
  const [invite, inviting] = useMutation(ADD_PROJECT_MEMBER);
  const [changeRole, changing] = useMutation(CHANGE_PROJECT_MEMBER_ROLE, refetch);
  const [remove, removing] = useMutation(REMOVE_PROJECT_MEMBER, refetch);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('ANALYST');
  const errors = codedErrors(inviting.error);
  const byField = fieldErrors(errors);
  const invitation = inviting.data?.addProjectMember;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await invite({ variables: { projectId, email, role } }).catch(() => undefined);
    if (result?.data) setEmail('');
  }

  return (
    <section aria-labelledby="members-title" className="card">
      <h2 id="members-title">Members</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Role</th>
            <th scope="col">Joined</th>
            {canManage && <th scope="col">Manage</th>}
          </tr>
        </thead>
        <tbody>
          {members.map((member) => {
            const you = member.userId === myUserId;
            const who = you ? 'you' : (member.email ?? 'the project’s creator');
            return (
              <tr key={member.userId}>
                <td>{you ? `You${member.email ? ` (${member.email})` : ''}` : (member.email ?? 'The project’s creator')}</td>
                <td>
                  {canManage ? (
                    <SelectInput
                      label={you ? 'Your role' : `Role of ${who}`}
                      value={member.role}
                      onChange={(next) => changeRole({ variables: { projectId, userId: member.userId, role: next as Role } }).catch(() => undefined)}
                      options={PROJECT_ROLES.map((id) => ({ id, label: titleCase(id) }))}
                    />
                  ) : (
                    titleCase(member.role)
                  )}
                </td>
                <td>{new Date(member.joinedAt).toLocaleDateString()}</td>
                {canManage && (
                  <td>
                    <Button
                      className="button"
                      isDisabled={removing.loading}
                      onPress={() => remove({ variables: { projectId, userId: member.userId } }).catch(() => undefined)}
                    >
                      {you ? 'Leave the project' : `Remove ${who}`}
                    </Button>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      <ErrorMessage error={changing.error ?? removing.error} />
      {canManage && (
        <>
          <h3>Invite someone</h3>
          <Form className="form" validationBehavior="aria" onSubmit={submit}>
            <div className="pair">
              <TextInput label="Their email" type="email" value={email} onChange={setEmail} error={byField.email} isRequired />
              <SelectInput
                label="Invited as"
                value={role}
                onChange={(next) => setRole(next as Role)}
                error={byField.role}
                options={PROJECT_ROLES.map((id) => ({ id, label: titleCase(id) }))}
              />
            </div>
            <FormErrors sentences={formErrors(errors, ['email', 'role'])} />
            <Button type="submit" className="button primary" isDisabled={inviting.loading}>
              Invite
            </Button>
          </Form>
          {invitation && (
            <div role="status" className="success">
              <p>
                Send this link to {invitation.email} (shown only now; it works until {new Date(invitation.expiresAt).toLocaleString()}):
              </p>
              <p>
                <code className="invitation-link">{projectInvitationLink(window.location.origin, invitation.token)}</code>
              </p>
            </div>
          )}
        </>
      )}
    </section>
  );
}
