import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { SPECIES } from '../collection/collection-operations';
import { Empty, ErrorMessage, Loading } from '../ui/Status';
import { EvaluationExchange } from './EvaluationExchange';
import { EvaluationForm } from './EvaluationForm';
import { EvaluationRunView } from './EvaluationRunView';
import { SelectInput } from '../ui/SelectInput';
import { EVALUATION_PROJECTS, EVALUATION_RUNS } from './evaluation-operations';

/** Only a project's LEAD or ANALYST runs its evaluations (a VIEWER reads them on the project). */
const RUNS_EVALUATIONS = new Set(['LEAD', 'ANALYST']);
/** The scope choice that stands for the caller's organisation; any other is a project's id. */
const ORGANIZATION = 'organization';

/**
 * Genetic evaluations in a scope (the organisation's, or a research project's where the caller is LEAD or ANALYST):
 * start one, follow it, read its EBVs and the trend; earlier runs; exchange files with other programs.
 */
export default function EvaluationsPage() {
  const species = useQuery(SPECIES);
  const projects = useQuery(EVALUATION_PROJECTS);
  const [projectId, setProjectId] = useState(ORGANIZATION);
  const scope = projectId === ORGANIZATION ? null : { kind: 'PROJECT' as const, projectId };
  const runs = useQuery(EVALUATION_RUNS, { variables: { scope }, fetchPolicy: 'cache-and-network' });
  const [shown, setShown] = useState<string | null>(null);
  const runnable = (projects.data?.researchProjects.edges ?? []).map(({ node }) => node).filter((project) => RUNS_EVALUATIONS.has(project.myRole ?? ''));
  const catalog = species.data?.species ?? [];
  const speciesName = (id: string) => catalog.find((s) => s.id === id)?.commonName ?? id;
  const list = runs.data?.evaluationRuns ?? [];

  return (
    <section aria-labelledby="evaluations-title">
      <h1 id="evaluations-title">Genetic evaluations</h1>
      <SelectInput
        label="Evaluate for"
        value={projectId}
        onChange={(id) => {
          setProjectId(id);
          setShown(null);
        }}
        options={[{ id: ORGANIZATION, label: 'My organisation' }, ...runnable.map((project) => ({ id: project.id, label: `Project: ${project.title}` }))]}
      />
      <section aria-labelledby="new-run-title" className="card">
        <h2 id="new-run-title">Run an evaluation</h2>
        <p className="muted">
          {scope
            ? "A BLUP animal model over the measurements the project's grants share, with the pedigree as you see it; it runs in the background."
            : 'A BLUP animal model over your measurements and every ancestor in the pedigree; it runs in the background.'}
        </p>
        <EvaluationForm key={projectId} species={catalog} scope={scope} onStarted={setShown} />
      </section>
      {shown && <EvaluationRunView key={shown} runId={shown} speciesName={speciesName} scope={scope} />}
      <section aria-labelledby="runs-title" className="card">
        <h2 id="runs-title">{scope ? "The project's evaluations" : 'Your evaluations'}</h2>
        {runs.loading && !runs.data && <Loading label="Loading evaluations…" />}
        <ErrorMessage error={runs.error} />
        {runs.data && list.length === 0 && <Empty>No evaluation yet.</Empty>}
        {list.length > 0 && (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Trait</th>
                <th scope="col">Species</th>
                <th scope="col">Status</th>
                <th scope="col">Started</th>
              </tr>
            </thead>
            <tbody>
              {list.map((run) => (
                <tr key={run.id}>
                  <td>
                    <Button className="button link" onPress={() => setShown(run.id)}>
                      {run.trait.name}, {new Date(run.createdAt).toLocaleString()}
                    </Button>
                  </td>
                  <td>{speciesName(run.species)}</td>
                  <td>{run.status}</td>
                  <td>{new Date(run.createdAt).toLocaleDateString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <EvaluationExchange key={projectId} species={catalog} scope={scope} />
    </section>
  );
}
