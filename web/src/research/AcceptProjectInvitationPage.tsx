import { useMutation, useQuery } from '@apollo/client/react';
import { Button } from 'react-aria-components';
import { Link, useLocation } from 'react-router';
import { tokenFromHash } from '../account/invitation-link';
import { ME } from '../auth/auth-operations';
import { ErrorMessage, Loading } from '../ui/Status';
import { titleCase } from './project-labels';
import { ACCEPT_PROJECT_INVITATION } from './project-operations';

/**
 * /project-invitation#<token>: joins a research project as the signed-in user, whatever their organisation.
 * Accepting is a button, not the page load, so opening a link joins nothing by itself.
 */
export default function AcceptProjectInvitationPage() {
  const token = tokenFromHash(useLocation().hash);
  const me = useQuery(ME);
  const [accept, accepted] = useMutation(ACCEPT_PROJECT_INVITATION, { refetchQueries: ['WebResearchProjects'] });
  const member = accepted.data?.acceptProjectInvitation;

  return (
    <section aria-labelledby="project-invitation-title" className="narrow">
      <h1 id="project-invitation-title">Join a research project</h1>
      {!token && <p className="error">This link has no invitation in it. Ask for the link again and open it whole.</p>}
      {token && !member && (
        <>
          {me.loading && <Loading />}
          {me.data?.me && (
            <p>
              You will join as <strong>{me.data.me.email}</strong> of {me.data.me.organization.name}.
            </p>
          )}
          <ErrorMessage error={accepted.error} />
          <Button className="button primary" isDisabled={accepted.loading} onPress={() => accept({ variables: { token } }).catch(() => undefined)}>
            {accepted.loading ? 'Joining…' : 'Join the project'}
          </Button>
        </>
      )}
      {member && (
        <div role="status">
          <p>
            You joined the project as {member.role === 'ANALYST' ? 'an' : 'a'} {titleCase(member.role).toLowerCase()}.
          </p>
          <p>
            <Link to="/projects">See your projects</Link>
          </p>
        </div>
      )}
    </section>
  );
}
