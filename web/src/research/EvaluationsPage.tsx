import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { SPECIES } from '../collection/collection-operations';
import { Empty, ErrorMessage, Loading } from '../ui/Status';
import { EvaluationExchange } from './EvaluationExchange';
import { EvaluationForm } from './EvaluationForm';
import { EvaluationRunView } from './EvaluationRunView';
import { EVALUATION_RUNS } from './evaluation-operations';

/** Genetic evaluations: start one, follow it, read its EBVs and the trend; earlier runs; exchange files with other programs. */
export default function EvaluationsPage() {
  const species = useQuery(SPECIES);
  const runs = useQuery(EVALUATION_RUNS, { fetchPolicy: 'cache-and-network' });
  const [shown, setShown] = useState<string | null>(null);
  const catalog = species.data?.species ?? [];
  const speciesName = (id: string) => catalog.find((s) => s.id === id)?.commonName ?? id;
  const list = runs.data?.evaluationRuns ?? [];

  return (
    <section aria-labelledby="evaluations-title">
      <h1 id="evaluations-title">Genetic evaluations</h1>
      <section aria-labelledby="new-run-title" className="card">
        <h2 id="new-run-title">Run an evaluation</h2>
        <p className="muted">A BLUP animal model over your measurements and every ancestor in the pedigree; it runs in the background.</p>
        <EvaluationForm species={catalog} onStarted={setShown} />
      </section>
      {shown && <EvaluationRunView key={shown} runId={shown} speciesName={speciesName} />}
      <section aria-labelledby="runs-title" className="card">
        <h2 id="runs-title">Your evaluations</h2>
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
      <EvaluationExchange species={catalog} />
    </section>
  );
}
