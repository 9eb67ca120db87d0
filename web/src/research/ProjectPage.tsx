import { useQuery } from '@apollo/client/react';
import { useParams } from 'react-router';
import { ME } from '../auth/auth-operations';
import { SPECIES } from '../collection/collection-operations';
import { Empty, ErrorMessage, Loading } from '../ui/Status';
import { EvaluationExchange } from './EvaluationExchange';
import { ProjectEditor } from './ProjectEditor';
import { ProjectFindings } from './ProjectFindings';
import { ProjectGrants } from './ProjectGrants';
import { ProjectMembers } from './ProjectMembers';
import { ProjectPublications } from './ProjectPublications';
import { titleCase } from './project-labels';
import { RESEARCH_PROJECT } from './project-operations';

/**
 * One research project: what it is, its protocol, members, findings, publications, the animals shared with it and, for a
 * LEAD or ANALYST, its data as BLUPF90 and R files and their EBVs imported back.
 */
export default function ProjectPage() {
  const { id = '' } = useParams();
  const project = useQuery(RESEARCH_PROJECT, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const me = useQuery(ME);
  const species = useQuery(SPECIES);
  const data = project.data?.researchProject;
  if (project.loading && !project.data) return <Loading label="Loading the project…" />;
  if (project.error) return <ErrorMessage error={project.error} />;
  if (!data) return <Empty>No such project, or it is not shared with you.</Empty>;

  const myOrganizationId = me.data?.me?.organization.id;
  const manager = me.data?.me?.role === 'OWNER' || me.data?.me?.role === 'ADMIN';
  const ownOrganization = myOrganizationId === data.organization.id;
  // What the API allows; the buttons follow it so nobody is offered what would be refused.
  const lead = data.myRole === 'LEAD' || (ownOrganization && manager);
  const analyst = lead || data.myRole === 'ANALYST';

  return (
    <article aria-labelledby="project-title">
      <h1 id="project-title">{data.title}</h1>
      <p className="muted">
        {titleCase(data.status)}
        {data.myRole ? ` · you are ${titleCase(data.myRole)}` : ''} · updated {new Date(data.updatedAt).toLocaleDateString()}
      </p>
      {lead && <ProjectEditor project={data} />}
      <section aria-labelledby="summary-title" className="card">
        <h2 id="summary-title">Summary</h2>
        {data.summary ? <p className="prose">{data.summary}</p> : <Empty>No summary.</Empty>}
        <h3>Protocol</h3>
        {/* Markdown shown as the text it is: no HTML from a project reaches the page. */}
        {data.protocol ? <pre className="protocol">{data.protocol}</pre> : <Empty>No protocol yet.</Empty>}
      </section>
      <ProjectMembers projectId={data.id} members={data.members} canManage={lead} myUserId={me.data?.me?.id} />
      <ProjectFindings projectId={data.id} findings={data.findings} canAdd={analyst} />
      <ProjectPublications projectId={data.id} publications={data.publications} canAdd={lead} />
      <ProjectGrants projectId={data.id} grants={data.grants} myOrganizationId={myOrganizationId} canGrant={manager} />
      {analyst && <EvaluationExchange species={species.data?.species ?? []} scope={{ kind: 'PROJECT', projectId: data.id }} />}
    </article>
  );
}
