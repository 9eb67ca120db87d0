import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link } from 'react-router';
import { SelectInput } from '../ui/SelectInput';
import { Empty, ErrorMessage, Loading } from '../ui/Status';
import { DESCENDANTS } from './animal-operations';

const GENERATIONS = [1, 2, 3, 4, 5, 6].map((n) => ({ id: String(n), label: n === 1 ? 'Offspring only' : `${n} generations down` }));
const GENERATION_NAMES = ['Offspring', 'Grand-offspring', 'Great-grand-offspring'];

function generationName(generation: number): string {
  return GENERATION_NAMES[generation - 1] ?? `Generation ${generation}`;
}

/** Offspring, their offspring and so on, grouped by generation (the API leaves out lines the caller may not see). */
export function Descendants({ animalId }: { animalId: string }) {
  const [generations, setGenerations] = useState(3);
  // Offspring are recorded from other pages (and by other keepers): show what is cached, then what is current.
  const { data, loading, error } = useQuery(DESCENDANTS, { variables: { id: animalId, generations }, fetchPolicy: 'cache-and-network' });
  const descendants = data?.animal?.descendants ?? [];
  // The API answers nearest generation first, so groups come out in order.
  const byGeneration = new Map<number, typeof descendants>();
  for (const descendant of descendants) byGeneration.set(descendant.generation, [...(byGeneration.get(descendant.generation) ?? []), descendant]);

  return (
    <section aria-labelledby="descendants-title" className="card">
      <div className="page-head">
        <h2 id="descendants-title">Descendants</h2>
        <SelectInput label="Show descendants" value={String(generations)} onChange={(value) => setGenerations(Number(value))} options={GENERATIONS} />
      </div>
      {loading && !data && <Loading label="Loading descendants…" />}
      <ErrorMessage error={error} />
      {data && descendants.length === 0 && <Empty>No offspring recorded.</Empty>}
      {[...byGeneration].map(([generation, members]) => (
        <section key={generation} aria-label={`${generationName(generation)}: ${members.length}`}>
          <h3>
            {generationName(generation)} <span className="muted">({members.length})</span>
          </h3>
          <ul className="descendants">
            {members.map(({ animal }) => (
              <li key={animal.id}>
                <Link to={`/animals/${animal.id}`}>{animal.name}</Link>{' '}
                <span className="muted">
                  {animal.sex.toLowerCase()}, hatched {animal.hatchDate ?? 'unknown'}
                  {animal.owner ? `, kept by ${animal.owner.name}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
