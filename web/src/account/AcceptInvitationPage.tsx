import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Button } from 'react-aria-components';
import { Link, useLocation, useNavigate } from 'react-router';
import { ME, SWITCH_ORGANIZATION } from '../auth/auth-operations';
import { ErrorMessage, Loading } from '../ui/Status';
import { ACCEPT_INVITATION } from './account-operations';
import { tokenFromHash } from './invitation-link';

/**
 * /invitation#<token>: the invitee, signed in (the shell sends them to sign in or sign up first and back
 * here), accepts on purpose with a button rather than on load, so opening a link joins nothing by itself.
 */
export default function AcceptInvitationPage() {
  const token = tokenFromHash(useLocation().hash);
  const me = useQuery(ME);
  const client = useApolloClient();
  const navigate = useNavigate();
  const [accept, accepted] = useMutation(ACCEPT_INVITATION);
  const [switchOrganization, switching] = useMutation(SWITCH_ORGANIZATION);
  const membership = accepted.data?.acceptInvitation;

  return (
    <section aria-labelledby="invitation-title" className="narrow">
      <h1 id="invitation-title">Join an organisation</h1>
      {!token && <p className="error">This link has no invitation in it. Ask for the link again and open it whole.</p>}
      {token && !membership && (
        <>
          {me.loading && <Loading />}
          {me.data?.me && (
            <p>
              You are signed in as <strong>{me.data.me.email}</strong>. The invitation works only for the email it was sent to.
            </p>
          )}
          <ErrorMessage error={accepted.error} />
          <Button
            className="button primary"
            isDisabled={accepted.loading}
            onPress={() => accept({ variables: { token }, refetchQueries: ['WebMyOrganizations'] }).catch(() => undefined)}
          >
            {accepted.loading ? 'Joining…' : 'Accept the invitation'}
          </Button>
        </>
      )}
      {membership && (
        <div role="status">
          <p>
            You are now a {membership.role.toLowerCase()} of <strong>{membership.organization.name}</strong>.
          </p>
          <ErrorMessage error={switching.error} />
          <p className="actions">
            <Button
              className="button primary"
              isDisabled={switching.loading}
              onPress={async () => {
                const result = await switchOrganization({ variables: { organizationId: membership.organization.id } }).catch(() => undefined);
                // Everything read so far belongs to the organisation left behind.
                if (!result?.data) return;
                await client.resetStore();
                navigate('/');
              }}
            >
              Switch to {membership.organization.name}
            </Button>
            <Link className="button" to="/">
              Stay where I am
            </Link>
          </p>
        </div>
      )}
    </section>
  );
}
