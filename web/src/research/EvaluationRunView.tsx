import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { Button, Label, ProgressBar } from 'react-aria-components';
import { SelectInput } from '../ui/SelectInput';
import { Empty, ErrorMessage, Loading } from '../ui/Status';
import { Chart } from './Chart';
import { trendPoints } from './chart-points';
import { type EbvSort, sortedEbvs, valueFromRun } from './ebv-table';
import type { EvaluationScopeInput } from '../__generated__/graphql';
import { CANCEL_EVALUATION, EVALUATED_ANIMALS, EVALUATION_RUN, GENETIC_TREND } from './evaluation-operations';

const POLL_MS = 500;
const UNFINISHED = new Set(['QUEUED', 'RUNNING']);

/** One run: a progress bar polled while it is queued or running (with cancel), then its EBVs and the genetic trend. */
export function EvaluationRunView({ runId, speciesName, scope }: { runId: string; speciesName: (id: string) => string; scope: EvaluationScopeInput | null }) {
  const run = useQuery(EVALUATION_RUN, { variables: { id: runId }, fetchPolicy: 'network-only', notifyOnNetworkStatusChange: false });
  const [cancel, cancelling] = useMutation(CANCEL_EVALUATION);
  const data = run.data?.evaluationRun;
  const unfinished = data ? UNFINISHED.has(data.status) : true;
  const { startPolling, stopPolling } = run;

  // Polls exactly while the run can still move; a finished run is never asked again.
  useEffect(() => {
    if (!unfinished) return;
    startPolling(POLL_MS);
    return () => stopPolling();
  }, [unfinished, startPolling, stopPolling]);

  if (run.loading && !data) return <Loading label="Loading the evaluation…" />;
  if (run.error && !data) return <ErrorMessage error={run.error} />;
  if (!data) return <Empty>No such evaluation.</Empty>;
  const percent = Math.round(data.progress * 100);

  return (
    <section aria-labelledby="run-title" className="card">
      <h2 id="run-title">
        {data.trait.name} of {speciesName(data.species)}
      </h2>
      <ProgressBar className="progress" value={percent} aria-label="Evaluation progress">
        {({ valueText }) => (
          <>
            <Label>
              Status: <strong data-status={data.status}>{data.status}</strong>
            </Label>{' '}
            <span>{valueText}</span>
            <div className="bar">
              <div className="fill" style={{ width: `${percent}%` }} />
            </div>
          </>
        )}
      </ProgressBar>
      <p className="muted">
        {data.iterations} iterations
        {data.animals !== null && data.animals !== undefined ? ` · ${data.animals} animals, ${data.records ?? 0} records` : ''}
        {data.heritability ? ` · h² ${data.heritability}` : ''}
        {data.varianceComponents ? ` · σ²a ${data.varianceComponents.additive}, σ²e ${data.varianceComponents.residual}` : ''}
        {data.fixedEffects.length > 0 ? ` · fixed effects: ${data.fixedEffects.join(', ').toLowerCase().replaceAll('_', ' ')}` : ' · overall mean only'}
        {data.accuracyMethod ? ` · accuracy ${data.accuracyMethod.toLowerCase()}` : ''}
        {data.converged === false ? ' · did not converge' : ''}
      </p>
      {data.error && <p className="error">{data.error}</p>}
      {unfinished && (
        <Button className="button" isDisabled={cancelling.loading} onPress={() => cancel({ variables: { id: runId } }).catch(() => undefined)}>
          Cancel the evaluation
        </Button>
      )}
      <ErrorMessage error={cancelling.error} />
      {data.status === 'SUCCEEDED' && (
        <>
          <EbvTable runId={runId} species={speciesName(data.species)} unit={data.trait.canonicalUnit} scope={scope} />
          <GeneticTrend species={data.species} trait={data.trait.id} traitName={data.trait.name} unit={data.trait.canonicalUnit} scope={scope} />
        </>
      )}
    </section>
  );
}

/** The caller's own animals' values in this run (a project's run also values other organisations' granted animals). */
function EbvTable({ runId, species, unit, scope }: { runId: string; species: string; unit: string; scope: EvaluationScopeInput | null }) {
  const animals = useQuery(EVALUATED_ANIMALS, { variables: { first: 100, filter: { species, mine: true }, scope }, fetchPolicy: 'network-only' });
  const [sort, setSort] = useState<EbvSort>('EBV');
  if (animals.loading && !animals.data) return <Loading label="Loading breeding values…" />;
  const values = (animals.data?.animals.edges ?? []).map(({ node }) => valueFromRun(node, runId)).filter((value) => value !== null);
  const rows = sortedEbvs(values, sort);

  return (
    <>
      <h3 id="ebv-title">Breeding values</h3>
      <ErrorMessage error={animals.error} />
      <SelectInput
        label="Order"
        value={sort}
        onChange={(value) => setSort(value as EbvSort)}
        options={[
          { id: 'EBV', label: 'Highest EBV first' },
          { id: 'ACCURACY', label: 'Most accurate first' },
        ]}
      />
      {rows.length === 0 ? (
        <Empty>None of your animals has a value in this run.</Empty>
      ) : (
        <table className="table" aria-labelledby="ebv-title">
          <thead>
            <tr>
              <th scope="col">Animal</th>
              <th scope="col" aria-sort={sort === 'EBV' ? 'descending' : 'none'}>
                EBV ({unit})
              </th>
              <th scope="col" aria-sort={sort === 'ACCURACY' ? 'descending' : 'none'}>
                Accuracy
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td>{row.name}</td>
                <td>{row.ebv.toFixed(3)}</td>
                <td>{row.accuracy === null ? '—' : row.accuracy.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

interface TrendProps {
  species: string;
  trait: string;
  traitName: string;
  unit: string;
  scope: EvaluationScopeInput | null;
}

function GeneticTrend({ species, trait, traitName, unit, scope }: TrendProps) {
  const trend = useQuery(GENETIC_TREND, { variables: { species, trait, scope }, fetchPolicy: 'network-only' });
  const points = trendPoints(trend.data?.geneticTrend ?? []);
  return (
    <>
      <h3>Genetic trend</h3>
      <ErrorMessage error={trend.error} />
      {trend.loading && !trend.data && <Loading label="Loading the trend…" />}
      {trend.data && points.length === 0 && <Empty>No animal with a birth year has a value yet.</Empty>}
      {points.length > 0 && <Chart title={`Mean EBV for ${traitName.toLowerCase()} by birth year`} yLabel={`Mean EBV (${unit})`} points={points} time={false} />}
    </>
  );
}
