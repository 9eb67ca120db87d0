import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { SelectInput } from '../ui/SelectInput';
import { Empty, ErrorMessage, Loading } from '../ui/Status';
import { Chart } from './Chart';
import { measurementPoints } from './chart-points';
import { ANIMAL_MEASUREMENTS } from './measurement-operations';

/** The animal page's measurements: one trait at a time as a time series (with its table), the trait chosen from those recorded. */
export default function AnimalMeasurements({ animalId }: { animalId: string }) {
  const measurements = useQuery(ANIMAL_MEASUREMENTS, { variables: { id: animalId }, fetchPolicy: 'cache-and-network' });
  const all = measurements.data?.animal?.measurements ?? [];
  const traits = [...new Map(all.map((m) => [m.trait, m.catalogTrait?.name ?? m.trait])).entries()].map(([id, label]) => ({ id, label }));
  const [chosen, setChosen] = useState<string | null>(null);
  const trait = chosen ?? traits[0]?.id ?? '';
  const series = all.filter((m) => m.trait === trait);
  const traitName = traits.find((t) => t.id === trait)?.label ?? trait;

  return (
    <section aria-labelledby="measurements-title" className="card">
      <h2 id="measurements-title">Measurements</h2>
      {measurements.loading && !measurements.data && <Loading label="Loading measurements…" />}
      <ErrorMessage error={measurements.error} />
      {measurements.data && all.length === 0 && <Empty>No measurements recorded by your organisation.</Empty>}
      {traits.length > 1 && <SelectInput label="Trait shown" value={trait} onChange={setChosen} options={traits} />}
      {series.length > 0 && <Chart title={`${traitName} over time`} yLabel={`${traitName} (${series[0].unit})`} points={measurementPoints(series)} />}
    </section>
  );
}
