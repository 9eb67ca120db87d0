import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { Link } from 'react-router';
import { Empty, ErrorMessage, Loading } from '../ui/Status';
import { grantDescription } from './grant-description';
import { GRANT_READS, PROJECT_GRANTS_GIVEN, REVOKE_PROJECT_GRANT } from './project-operations';

/** For a manager: every grant their organisation gave, in force or revoked, and who read what through each (the audit the API keeps). */
export function GrantsGiven() {
  const grants = useQuery(PROJECT_GRANTS_GIVEN, { fetchPolicy: 'cache-and-network' });
  const [revoke, revoking] = useMutation(REVOKE_PROJECT_GRANT, { refetchQueries: ['WebProjectGrantsGiven'] });
  const [shown, setShown] = useState<string | null>(null);
  const list = grants.data?.projectGrantsGiven.edges.map((edge) => edge.node) ?? [];

  return (
    <section aria-labelledby="grants-given-title" className="card">
      <h2 id="grants-given-title">Animals your organisation shares</h2>
      {grants.loading && !grants.data && <Loading label="Loading grants…" />}
      <ErrorMessage error={grants.error ?? revoking.error} />
      {grants.data && list.length === 0 && <Empty>Your organisation shares no animals with any project.</Empty>}
      {list.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Project</th>
              <th scope="col">What</th>
              <th scope="col">Since</th>
              <th scope="col">Reads and revoking</th>
            </tr>
          </thead>
          <tbody>
            {list.map((grant) => {
              const what = grantDescription(grant).toLowerCase();
              return (
                <tr key={grant.id}>
                  <td>{grant.project ? <Link to={`/projects/${grant.project.id}`}>{grant.project.title}</Link> : 'A project you cannot see'}</td>
                  <td>{what}</td>
                  <td>
                    {new Date(grant.createdAt).toLocaleDateString()}
                    {grant.revokedAt && ` (revoked ${new Date(grant.revokedAt).toLocaleDateString()})`}
                  </td>
                  <td>
                    <Button className="button link" onPress={() => setShown(shown === grant.id ? null : grant.id)}>
                      {shown === grant.id ? 'Hide reads' : 'Show reads'}
                    </Button>{' '}
                    {!grant.revokedAt && (
                      <Button className="button" isDisabled={revoking.loading} onPress={() => revoke({ variables: { id: grant.id } }).catch(() => undefined)}>
                        Revoke {what}
                      </Button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {shown && <GrantReads grantId={shown} />}
    </section>
  );
}

function GrantReads({ grantId }: { grantId: string }) {
  const reads = useQuery(GRANT_READS, { variables: { grantId }, fetchPolicy: 'network-only' });
  const list = reads.data?.grantReads.edges.map((edge) => edge.node) ?? [];
  return (
    <div>
      <h3>Reads through this grant, newest first</h3>
      {reads.loading && <Loading label="Loading reads…" />}
      <ErrorMessage error={reads.error} />
      {reads.data && list.length === 0 && <Empty>Nobody has read these animals through the project yet.</Empty>}
      {list.length > 0 && (
        <ul aria-label="Reads">
          {list.map((read) => (
            <li key={read.id}>
              {new Date(read.readAt).toLocaleString()}: member {read.userId.slice(0, 8)} read {read.animalIds.length} animals
            </li>
          ))}
        </ul>
      )}
      {reads.data?.grantReads.pageInfo.hasNextPage && <p className="muted">Only the latest 50 reads are shown.</p>}
    </div>
  );
}
