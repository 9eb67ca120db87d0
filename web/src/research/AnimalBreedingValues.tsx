import { useQuery } from '@apollo/client/react';
import { Empty, ErrorMessage } from '../ui/Status';
import { ANIMAL_BREEDING_VALUES } from './evaluation-operations';

/** The animal page's EBVs: the latest successful evaluation of each trait by the caller's organisation. */
export default function AnimalBreedingValues({ animalId }: { animalId: string }) {
  const values = useQuery(ANIMAL_BREEDING_VALUES, { variables: { id: animalId }, fetchPolicy: 'cache-and-network' });
  const list = values.data?.animal?.breedingValues ?? [];
  return (
    <section aria-labelledby="breeding-values-title" className="card">
      <h2 id="breeding-values-title">Breeding values</h2>
      <ErrorMessage error={values.error} />
      {values.data && list.length === 0 && <Empty>No evaluation of your organisation includes this animal yet.</Empty>}
      {list.length > 0 && (
        <table className="table" aria-labelledby="breeding-values-title">
          <thead>
            <tr>
              <th scope="col">Trait</th>
              <th scope="col">EBV</th>
              <th scope="col">Accuracy</th>
              <th scope="col">Evaluation</th>
            </tr>
          </thead>
          <tbody>
            {list.map((value) => (
              <tr key={value.trait.id}>
                <td>{value.trait.name}</td>
                <td>
                  {value.ebv.toFixed(3)} {value.trait.canonicalUnit}
                </td>
                <td>{value.accuracy === null || value.accuracy === undefined ? '—' : value.accuracy.toFixed(2)}</td>
                <td>
                  {value.run.source === 'EXTERNAL' ? 'Imported' : 'BLUP'}
                  {value.run.finishedAt ? `, ${new Date(value.run.finishedAt).toLocaleDateString()}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
