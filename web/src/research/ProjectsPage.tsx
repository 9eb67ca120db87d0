import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { Button, Form, SearchField, Input, Label } from 'react-aria-components';
import { Link, useNavigate } from 'react-router';
import { ME } from '../auth/auth-operations';
import { codedErrors, fieldErrors, formErrors } from '../api/errors';
import { SelectInput } from '../ui/SelectInput';
import { Empty, ErrorMessage, FormErrors, Loading } from '../ui/Status';
import { TextInput } from '../ui/TextInput';
import { GrantsGiven } from './GrantsGiven';
import { CREATE_RESEARCH_PROJECT, RESEARCH_PROJECTS } from './project-operations';
import { PROJECT_STATUSES, titleCase } from './project-labels';

const PAGE = 20;
const BLANK = { title: '', summary: '', protocol: '', status: 'PLANNED' };

/** The research projects the caller can see, searched by the API's full-text search, and a new one. */
export default function ProjectsPage() {
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const projects = useQuery(RESEARCH_PROJECTS, { variables: { query: query || null, first: PAGE }, fetchPolicy: 'cache-and-network' });
  const [create, creating] = useMutation(CREATE_RESEARCH_PROJECT, { refetchQueries: ['WebResearchProjects'] });
  const [form, setForm] = useState(BLANK);
  const navigate = useNavigate();
  const me = useQuery(ME);
  const manager = me.data?.me?.role === 'OWNER' || me.data?.me?.role === 'ADMIN';
  const errors = codedErrors(creating.error);
  const byField = fieldErrors(errors);
  const set = (key: keyof typeof BLANK) => (value: string) => setForm({ ...form, [key]: value });
  const connection = projects.data?.researchProjects;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = { title: form.title, summary: form.summary || null, protocol: form.protocol || null, status: form.status as (typeof PROJECT_STATUSES)[number] };
    const result = await create({ variables: { input } }).catch(() => undefined);
    const id = result?.data?.createResearchProject.id;
    if (id) navigate(`/projects/${id}`);
  }

  return (
    <section aria-labelledby="projects-title">
      <h1 id="projects-title">Research projects</h1>
      <section aria-labelledby="project-list-title" className="card">
        <h2 id="project-list-title">Projects you can see</h2>
        <Form
          className="form inline"
          role="search"
          onSubmit={(event) => {
            event.preventDefault();
            setQuery(typed.trim());
          }}
        >
          <SearchField className="field" value={typed} onChange={setTyped} onClear={() => setQuery('')}>
            <Label>Search projects</Label>
            <Input />
          </SearchField>
          <Button type="submit" className="button">
            Search
          </Button>
        </Form>
        {projects.loading && !projects.data && <Loading label="Loading projects…" />}
        <ErrorMessage error={projects.error} />
        {connection && connection.edges.length === 0 && <Empty>{query ? `No project matches “${query}”.` : 'No projects yet. Start the first below.'}</Empty>}
        {connection && connection.edges.length > 0 && (
          <ul className="project-list" aria-label={query ? `Projects matching ${query}` : 'Projects'}>
            {connection.edges.map(({ node }) => (
              <li key={node.id}>
                <Link to={`/projects/${node.id}`}>{node.title}</Link> <span className="muted">{titleCase(node.status)}</span>
                {node.myRole && <span className="muted"> · you are {titleCase(node.myRole)}</span>}
                {node.summary && <p>{node.summary}</p>}
              </li>
            ))}
          </ul>
        )}
        {connection?.pageInfo.hasNextPage && (
          <Button
            className="button"
            onPress={() =>
              projects
                .fetchMore({
                  variables: { after: connection.pageInfo.endCursor },
                  updateQuery: (previous, { fetchMoreResult }) => ({
                    ...fetchMoreResult,
                    researchProjects: { ...fetchMoreResult.researchProjects, edges: [...previous.researchProjects.edges, ...fetchMoreResult.researchProjects.edges] },
                  }),
                })
                .catch(() => undefined)
            }
          >
            More projects
          </Button>
        )}
      </section>

      <section aria-labelledby="new-project-title" className="card">
        <h2 id="new-project-title">Start a project</h2>
        <Form className="form" validationBehavior="aria" onSubmit={submit}>
          <TextInput label="Title" value={form.title} onChange={set('title')} error={byField.title} isRequired />
          <TextInput label="Summary" multiline value={form.summary} onChange={set('summary')} error={byField.summary} />
          <TextInput label="Protocol" description="Markdown" multiline value={form.protocol} onChange={set('protocol')} error={byField.protocol} />
          <SelectInput
            label="Status"
            value={form.status}
            onChange={set('status')}
            error={byField.status}
            options={PROJECT_STATUSES.map((id) => ({ id, label: titleCase(id) }))}
          />
          <FormErrors sentences={formErrors(errors, Object.keys(BLANK))} />
          <Button type="submit" className="button primary" isDisabled={creating.loading}>
            Create project
          </Button>
        </Form>
      </section>
      {manager && <GrantsGiven />}
    </section>
  );
}
