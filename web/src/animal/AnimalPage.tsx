import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { Link, useParams } from 'react-router';
import { formatInbreeding } from '../collection/collection-view';
import { SelectInput } from '../ui/SelectInput';
import { Empty, ErrorMessage, Loading } from '../ui/Status';
import { ME } from '../auth/auth-operations';
import { ANIMAL_PAGE, SET_VISIBILITY } from './animal-operations';
import { Descendants } from './Descendants';
import { GenotypeEditor } from './GenotypeEditor';
import { ListingSection } from './ListingSection';
import { OwnershipHistory } from './OwnershipHistory';
import { ParentsEditor } from './ParentsEditor';
import { PedigreeChart } from './PedigreeChart';
import { PhotoGallery } from './PhotoGallery';

const GENERATION_CHOICES = [3, 4, 5, 6, 7, 8, 9, 10].map((n) => ({ id: String(n), label: `${n} generations` }));

const STATUS_WORDS: Record<string, string> = { ACTIVE: 'In the collection', HOLDBACK: 'Holdback (kept back from sale)', SOLD: 'Sold', DECEASED: 'Deceased' };
const MATURITY_WORDS: Record<string, string> = { HATCHLING: 'Hatchling', JUVENILE: 'Juvenile', SUBADULT: 'Subadult', ADULT: 'Adult' };

/** One animal: details, visibility, photos, genotype, parents, pedigree with F and completeness, descendants, owners. */
export default function AnimalPage() {
  const { id = '' } = useParams();
  const [generations, setGenerations] = useState(4);
  const { data, loading, error, refetch } = useQuery(ANIMAL_PAGE, { variables: { id, generations } });
  const [setVisibility, visibility] = useMutation(SET_VISIBILITY);
  const me = useQuery(ME).data?.me;
  const animal = data?.animal;
  // The API refuses anyone else's writes anyway; this only hides buttons that could not work.
  const canEdit = Boolean(me && animal?.owner && animal.owner.id === me.organization.id && me.role !== 'VIEWER');
  if (loading && !animal) return <Loading label="Loading the animal…" />;
  if (!animal) return error ? <ErrorMessage error={error} /> : <Empty>This animal does not exist, or you cannot see it.</Empty>;
  const completeness = animal.pedigree.completeness;
  const nextVisibility = animal.visibility === 'PUBLIC' ? 'PRIVATE' : 'PUBLIC';

  return (
    <article aria-labelledby="animal-title" className="animal-page">
      <div className="page-head">
        <h1 id="animal-title">{animal.name}</h1>
        <Link className="button" to={`/animals/${animal.id}/edit`}>
          Edit details
        </Link>
      </div>
      <dl className="details">
        <dt>Species</dt>
        <dd>
          {animal.species.commonName} (<i>{animal.species.scientificName}</i>)
        </dd>
        <dt>Sex</dt>
        <dd>{animal.sex.toLowerCase()}</dd>
        <dt>Hatched</dt>
        <dd>{animal.hatchDate ?? 'unknown'}</dd>
        <dt>Your id</dt>
        <dd>{animal.externalId ?? '—'}</dd>
        <dt>Owner</dt>
        <dd>{animal.owner?.name ?? '—'}</dd>
        <dt>Status</dt>
        <dd>
          {animal.status ? STATUS_WORDS[animal.status] : '—'}
          {animal.deceasedAt ? ` on ${animal.deceasedAt}` : ''}
        </dd>
        <dt>Life stage</dt>
        <dd>{animal.maturity ? MATURITY_WORDS[animal.maturity] : animal.hatchDate ? '—' : 'unknown (no hatch date)'}</dd>
        <dt>Visibility</dt>
        <dd>
          {animal.visibility === 'PUBLIC' ? 'Public: every breeder can see it' : 'Private: only your organisation'}{' '}
          <Button
            className="button small"
            isDisabled={visibility.loading}
            onPress={() => setVisibility({ variables: { id: animal.id, visibility: nextVisibility } }).catch(() => undefined)}
          >
            Make {nextVisibility.toLowerCase()}
          </Button>
        </dd>
      </dl>
      <ErrorMessage error={visibility.error} />
      {animal.description && (
        <section aria-labelledby="notes-title" className="card">
          <h2 id="notes-title">Notes</h2>
          <p className="description">{animal.description}</p>
        </section>
      )}

      <PhotoGallery animalId={animal.id} animalName={animal.name} canEdit={canEdit} />
      <ListingSection animalId={animal.id} isPublic={animal.visibility === 'PUBLIC'} canEdit={canEdit} />

      <section aria-labelledby="inbreeding-title" className="card">
        <h2 id="inbreeding-title">Inbreeding</h2>
        <p className="figure">
          F = <strong>{formatInbreeding(animal.inbreedingCoefficient)}</strong>
        </p>
        <p className="explain">The chance that both copies of a gene came from the same ancestor, over the whole recorded lineage.</p>
        <p className="figure">
          Pedigree completeness ({animal.pedigree.generations} generations): <strong>{Math.round(completeness * 100)} %</strong>
        </p>
        <p className="explain">The share of ancestors known in each generation, averaged; a low figure means F may be underestimated.</p>
      </section>

      <section aria-labelledby="genotype-title" className="card">
        <h2 id="genotype-title">Genotype</h2>
        <GenotypeEditor key={animal.genotype?.notation ?? ''} animalId={animal.id} species={animal.species.commonName} recorded={animal.genotype?.notation} />
      </section>

      <section aria-labelledby="parents-title" className="card">
        <h2 id="parents-title">Parents</h2>
        <ParentsEditor
          key={`${animal.sire?.id}:${animal.dam?.id}`}
          animalId={animal.id}
          species={animal.species.commonName}
          sire={animal.sire ?? null}
          dam={animal.dam ?? null}
          onChanged={() => refetch()}
        />
      </section>

      <section aria-labelledby="pedigree-title" className="card">
        <div className="page-head">
          <h2 id="pedigree-title">Pedigree</h2>
          <SelectInput label="Show" value={String(generations)} onChange={(value) => setGenerations(Number(value))} options={GENERATION_CHOICES} />
        </div>
        {loading && <Loading label="Loading the pedigree…" />}
        <PedigreeChart subject={animal} entries={animal.pedigree.nodes} generations={animal.pedigree.generations} />
        <p className="explain">Dashed boxes are ancestors that are unknown or kept private by another breeder; they count in F and completeness but are not named.</p>
      </section>

      <Descendants animalId={animal.id} />
      <OwnershipHistory owners={animal.ownershipHistory} />
    </article>
  );
}
