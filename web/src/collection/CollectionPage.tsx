import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Input, Label, SearchField } from 'react-aria-components';
import { Link } from 'react-router';
import { CursorPager } from '../ui/CursorPager';
import { Empty, ErrorMessage, Loading } from '../ui/Status';
import { SelectInput } from '../ui/SelectInput';
import { COLLECTION, SPECIES } from './collection-operations';
import { type CollectionChoices, collectionQuery, DEFAULT_CHOICES, formatInbreeding } from './collection-view';

const PAGE_SIZE = 25;
const SEXES = [
  { id: 'ANY', label: 'Any sex' },
  { id: 'MALE', label: 'Male' },
  { id: 'FEMALE', label: 'Female' },
  { id: 'UNKNOWN', label: 'Unknown' },
];
const VISIBILITIES = [
  { id: 'ANY', label: 'Any visibility' },
  { id: 'PRIVATE', label: 'Private' },
  { id: 'LINEAGE', label: 'Lineage only' },
  { id: 'PUBLIC', label: 'Public' },
];
const STATUSES = [
  { id: 'CURRENT', label: 'Active and holdback' },
  { id: 'ACTIVE', label: 'Active' },
  { id: 'HOLDBACK', label: 'Holdback' },
  { id: 'SOLD', label: 'Sold' },
  { id: 'DECEASED', label: 'Deceased' },
  { id: 'ANY', label: 'Any status' },
];
const SORTS = [
  { id: 'NEWEST', label: 'Newest first' },
  { id: 'NAME', label: 'Name' },
  { id: 'HATCH_DATE', label: 'Hatch date' },
];
const SCOPES = [
  { id: 'mine', label: 'My organisation' },
  { id: 'all', label: 'Mine and public' },
];
const STATUS_WORDS: Record<string, string> = { ACTIVE: 'active', HOLDBACK: 'holdback', SOLD: 'sold', DECEASED: 'deceased' };

/** The organisation's animals: search, filters and sort, all applied by the API, and paging by cursor. */
export default function CollectionPage() {
  const [choices, setChoices] = useState<CollectionChoices>(DEFAULT_CHOICES);
  // Cursors of the pages before this one, so Previous goes back exactly.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1];
  const speciesList = useQuery(SPECIES);
  const { filter, sort } = collectionQuery(choices);
  const { data, loading, error } = useQuery(COLLECTION, { variables: { first: PAGE_SIZE, after, filter, sort }, fetchPolicy: 'cache-and-network' });
  // Any change of search, filter or sort starts again at page 1: a cursor pages only its own query.
  const choose =
    <K extends keyof CollectionChoices>(key: K) =>
    (value: string) => {
      setChoices({ ...choices, [key]: value });
      setCursors([null]);
    };
  const rows = data?.animals.edges.map((edge) => edge.node) ?? [];
  const pageInfo = data?.animals.pageInfo;

  return (
    <section aria-labelledby="collection-title">
      <div className="page-head">
        <h1 id="collection-title">Collection</h1>
        <Link className="button primary" to="/animals/new">
          Add an animal
        </Link>
      </div>
      <search className="filters">
        <SearchField className="field" value={choices.search} onChange={choose('search')}>
          <Label>Search by name</Label>
          <Input />
        </SearchField>
        <SelectInput
          label="Species"
          value={choices.species}
          onChange={choose('species')}
          options={[{ id: 'ANY', label: 'Every species' }, ...(speciesList.data?.species ?? []).map((s) => ({ id: s.commonName, label: s.commonName }))]}
        />
        <SelectInput label="Sex" value={choices.sex} onChange={choose('sex')} options={SEXES} />
        <SelectInput label="Status" value={choices.status} onChange={choose('status')} options={STATUSES} />
        <SelectInput label="Visibility" value={choices.visibility} onChange={choose('visibility')} options={VISIBILITIES} />
        <SelectInput label="Whose" value={choices.scope} onChange={choose('scope')} options={SCOPES} />
        <SelectInput label="Sort" value={choices.sort} onChange={choose('sort')} options={SORTS} />
      </search>
      <ErrorMessage error={error} />
      {loading && !data && <Loading label="Loading animals…" />}
      {data && rows.length === 0 && <Empty>No animals match. Add one, import a herdbook, or change the filters.</Empty>}
      {rows.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">Animals, sorted by {SORTS.find((s) => s.id === sort)?.label.toLowerCase()}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Species</th>
              <th scope="col">Sex</th>
              <th scope="col">Hatched</th>
              <th scope="col">Status</th>
              <th scope="col">Visibility</th>
              <th scope="col">F</th>
              <th scope="col">Owner</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((animal) => (
              <tr key={animal.id}>
                <td>
                  <Link to={`/animals/${animal.id}`}>{animal.name}</Link>
                  {animal.externalId && <span className="muted"> ({animal.externalId})</span>}
                </td>
                <td>{animal.species.commonName}</td>
                <td>{animal.sex.toLowerCase()}</td>
                <td>{animal.hatchDate ?? '—'}</td>
                <td>{animal.status ? STATUS_WORDS[animal.status] : '—'}</td>
                <td>{animal.visibility.toLowerCase()}</td>
                <td>{formatInbreeding(animal.inbreedingCoefficient)}</td>
                <td>{animal.owner?.name ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CursorPager cursors={cursors} onChange={setCursors} pageInfo={pageInfo} />
    </section>
  );
}
