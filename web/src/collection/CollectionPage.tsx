import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Button, SearchField, Input, Label } from 'react-aria-components';
import { Link } from 'react-router';
import { Empty, ErrorMessage, Loading } from '../ui/Status';
import { SelectInput } from '../ui/SelectInput';
import { COLLECTION, SPECIES } from './collection-operations';
import { arrangeRows, formatInbreeding, type SortKey } from './collection-view';

const PAGE_SIZE = 25;
const SEXES = [
  { id: 'ANY', label: 'Any sex' },
  { id: 'MALE', label: 'Male' },
  { id: 'FEMALE', label: 'Female' },
  { id: 'UNKNOWN', label: 'Unknown' },
];
const VISIBILITIES = [
  { id: 'ANY', label: 'Private and public' },
  { id: 'PRIVATE', label: 'Private' },
  { id: 'PUBLIC', label: 'Public' },
];
const SORTS = [
  { id: 'newest', label: 'Newest first' },
  { id: 'name', label: 'Name' },
  { id: 'hatchDate', label: 'Hatch date' },
  { id: 'inbreeding', label: 'Highest F' },
];
const SCOPES = [
  { id: 'mine', label: 'My organisation' },
  { id: 'all', label: 'Mine and public' },
];

/** The organisation's animals: search, filters, sort and paging by cursor. */
export default function CollectionPage() {
  const [search, setSearch] = useState('');
  const [species, setSpecies] = useState('ANY');
  const [sex, setSex] = useState('ANY');
  const [visibility, setVisibility] = useState('ANY');
  const [scope, setScope] = useState('mine');
  const [sort, setSort] = useState<SortKey>('newest');
  // Cursors of the pages before this one, so Previous goes back exactly.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1];
  const speciesList = useQuery(SPECIES);
  const filter = {
    mine: scope === 'mine' ? true : undefined,
    nameContains: search.trim() || undefined,
    species: species === 'ANY' ? undefined : species,
    sex: sex === 'ANY' ? undefined : (sex as 'MALE' | 'FEMALE' | 'UNKNOWN'),
  };
  const { data, loading, error } = useQuery(COLLECTION, { variables: { first: PAGE_SIZE, after, filter }, fetchPolicy: 'cache-and-network' });
  const resetPaging =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setCursors([null]);
    };
  const rows = arrangeRows(data?.animals.edges.map((edge) => edge.node) ?? [], sort, visibility);
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
        <SearchField className="field" value={search} onChange={resetPaging(setSearch)}>
          <Label>Search by name</Label>
          <Input />
        </SearchField>
        <SelectInput
          label="Species"
          value={species}
          onChange={resetPaging(setSpecies)}
          options={[{ id: 'ANY', label: 'Every species' }, ...(speciesList.data?.species ?? []).map((s) => ({ id: s.commonName, label: s.commonName }))]}
        />
        <SelectInput label="Sex" value={sex} onChange={resetPaging(setSex)} options={SEXES} />
        <SelectInput label="Visibility" value={visibility} onChange={setVisibility} options={VISIBILITIES} />
        <SelectInput label="Whose" value={scope} onChange={resetPaging(setScope)} options={SCOPES} />
        <SelectInput label="Sort" value={sort} onChange={(value) => setSort(value as SortKey)} options={SORTS} />
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
                <td>{animal.visibility.toLowerCase()}</td>
                <td>{formatInbreeding(animal.inbreedingCoefficient)}</td>
                <td>{animal.owner?.name ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav className="pager" aria-label="Pages">
        <Button className="button" isDisabled={cursors.length === 1} onPress={() => setCursors(cursors.slice(0, -1))}>
          Previous page
        </Button>
        <span>Page {cursors.length}</span>
        <Button className="button" isDisabled={!pageInfo?.hasNextPage} onPress={() => pageInfo?.endCursor && setCursors([...cursors, pageInfo.endCursor])}>
          Next page
        </Button>
      </nav>
    </section>
  );
}
