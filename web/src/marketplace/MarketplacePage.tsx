import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Button, Checkbox, Input, Label, SearchField } from 'react-aria-components';
import { Link } from 'react-router';
import type { Sex } from '../__generated__/graphql';
import { codedErrors, fieldErrors } from '../api/errors';
import { formatInbreeding } from '../collection/collection-view';
import { CursorPager } from '../ui/CursorPager';
import { SelectInput } from '../ui/SelectInput';
import { Empty, ErrorMessage, Loading } from '../ui/Status';
import { TextInput } from '../ui/TextInput';
import { type MarketChoices, NO_CHOICES, searchArguments, toggled } from './marketplace-filter';
import { SEARCH_LISTINGS } from './marketplace-operations';
import { SaveSearchForm } from './SaveSearchForm';

const PAGE_SIZE = 20;
const SORTS = [
  { id: 'DEFAULT', label: 'Best match (newest without a search)' },
  { id: 'NEWEST', label: 'Newest' },
  { id: 'PRICE_ASC', label: 'Price, lowest first' },
  { id: 'PRICE_DESC', label: 'Price, highest first' },
  { id: 'INBREEDING_ASC', label: 'Lowest F first' },
];

export function money(price: number, currency: string): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(price);
  } catch {
    return `${price.toFixed(2)} ${currency}`;
  }
}

interface FacetProps {
  legend: string;
  values: readonly { value: string; count: number }[];
  checked: readonly string[];
  onChange: (value: string, on: boolean) => void;
  label?: (value: string) => string;
}

/** A facet as checkboxes, each with the number of matching listings. */
function Facet({ legend, values, checked, onChange, label = (v) => v }: FacetProps) {
  if (values.length === 0 && checked.length === 0) return null;
  return (
    <fieldset className="checks facet">
      <legend>{legend}</legend>
      {values.map(({ value, count }) => (
        <Checkbox key={value} className="checkbox" isSelected={checked.includes(value)} onChange={(on) => onChange(value, on)}>
          <span className="box" aria-hidden="true" />
          {label(value)} <span className="muted">({count})</span>
        </Checkbox>
      ))}
    </fieldset>
  );
}

/** The marketplace: full-text search with facets (counts over every match), price, F and completeness limits, sort and paging. */
export default function MarketplacePage() {
  const [choices, setChoices] = useState<MarketChoices>(NO_CHOICES);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const { query, filter, sort } = searchArguments(choices);
  const { data, loading, error } = useQuery(SEARCH_LISTINGS, {
    variables: { query, filter, sort, first: PAGE_SIZE, after: cursors[cursors.length - 1] },
    fetchPolicy: 'cache-and-network',
  });
  const change = (next: Partial<MarketChoices>) => {
    setChoices({ ...choices, ...next });
    setCursors([null]);
  };
  const byField = fieldErrors(codedErrors(error));
  const result = data?.searchListings;
  const facets = result?.facets;

  return (
    <section aria-labelledby="market-title">
      <h1 id="market-title">Marketplace</h1>
      <div className="market">
        <search className="market-filters" aria-label="Filters">
          <SearchField className="field" value={choices.query} onChange={(value) => change({ query: value })}>
            <Label>Search listings</Label>
            <Input placeholder="e.g. pastel clown" />
          </SearchField>
          <Facet legend="Species" values={facets?.species ?? []} checked={choices.species} onChange={(v, on) => change({ species: toggled(choices.species, v, on) })} />
          <Facet
            legend="Sex"
            values={facets?.sex ?? []}
            checked={choices.sex}
            label={(v) => v.charAt(0) + v.slice(1).toLowerCase()}
            onChange={(v, on) => change({ sex: toggled(choices.sex, v as Sex, on) })}
          />
          <Facet legend="Shows the gene" values={facets?.genes ?? []} checked={choices.genes} onChange={(v, on) => change({ genes: toggled(choices.genes, v, on) })} />
          {facets && facets.priceBuckets.length > 0 && (
            <fieldset className="checks facet">
              <legend>Price</legend>
              {facets.priceBuckets.map((bucket) => {
                const text = bucket.max === null ? `${bucket.min} and more` : `${bucket.min} to ${bucket.max}`;
                const on = choices.minPrice === String(bucket.min) && choices.maxPrice === (bucket.max === null ? '' : String(bucket.max));
                return (
                  <Checkbox
                    key={bucket.min}
                    className="checkbox"
                    isSelected={on}
                    onChange={(checked) =>
                      change(checked ? { minPrice: String(bucket.min), maxPrice: bucket.max === null ? '' : String(bucket.max) } : { minPrice: '', maxPrice: '' })
                    }
                  >
                    <span className="box" aria-hidden="true" />
                    {text} <span className="muted">({bucket.count})</span>
                  </Checkbox>
                );
              })}
            </fieldset>
          )}
          <div className="pair">
            <TextInput label="Lowest price" value={choices.minPrice} onChange={(minPrice) => change({ minPrice })} error={byField['filter.minPrice']} />
            <TextInput label="Highest price" value={choices.maxPrice} onChange={(maxPrice) => change({ maxPrice })} error={byField['filter.maxPrice']} />
          </div>
          <TextInput
            label="Highest F (%)"
            description="e.g. 6.25 leaves out offspring of half siblings or closer"
            value={choices.maxInbreedingPercent}
            onChange={(maxInbreedingPercent) => change({ maxInbreedingPercent })}
            error={byField['filter.maxInbreeding']}
          />
          <TextInput
            label="Lowest pedigree completeness (%)"
            description="Over five generations"
            value={choices.minCompletenessPercent}
            onChange={(minCompletenessPercent) => change({ minCompletenessPercent })}
            error={byField['filter.minCompleteness']}
          />
          <SelectInput label="Sort" value={choices.sort} onChange={(value) => change({ sort: value as MarketChoices['sort'] })} options={SORTS} />
          <Button className="button" onPress={() => change(NO_CHOICES)}>
            Clear all filters
          </Button>
          <SaveSearchForm choices={choices} />
        </search>
        <div className="market-results">
          <ErrorMessage error={error} />
          {loading && !data && <Loading label="Searching…" />}
          {result && (
            <p role="status" className="status">
              {result.totalCount === 1 ? '1 listing' : `${result.totalCount} listings`}
            </p>
          )}
          {result && result.edges.length === 0 && <Empty>No listing matches. Try fewer filters or another search.</Empty>}
          <ul className="listings">
            {result?.edges.map(({ node }) => (
              <li key={node.id} className="card listing-card">
                {/* The cover's 320 px rendition: a results page loads small images (decorative: the title names the animal). */}
                {node.animal?.coverPhoto?.thumbnailUrl ? (
                  <img className="listing-thumb" src={node.animal.coverPhoto.thumbnailUrl} alt="" width={96} height={96} loading="lazy" />
                ) : (
                  <span className="listing-thumb listing-thumb-none" aria-hidden="true" />
                )}
                <h2>
                  <Link to={`/listings/${node.id}`}>{node.title}</Link>
                </h2>
                <p>
                  <strong>{money(node.price, node.currency)}</strong>
                  {node.animal && (
                    <span className="muted">
                      {' '}
                      · {node.animal.species.commonName}, {node.animal.sex.toLowerCase()}
                      {node.animal.genotype ? ` · ${node.animal.genotype.notation}` : ''} · F {formatInbreeding(node.animal.inbreedingCoefficient)}
                    </span>
                  )}
                </p>
                <p className="muted">Sold by {node.seller.name}</p>
              </li>
            ))}
          </ul>
          <CursorPager cursors={cursors} onChange={setCursors} pageInfo={result?.pageInfo} />
        </div>
      </div>
    </section>
  );
}
