import { useMutation, useQuery } from '@apollo/client/react';
import { Button } from 'react-aria-components';
import { Link } from 'react-router';
import { Empty, ErrorMessage, Loading } from '../ui/Status';
import { money } from './MarketplacePage';
import { DELETE_SAVED_SEARCH, SAVED_SEARCHES } from './marketplace-operations';
import { useLiveMatches } from './use-live-matches';

interface Saved {
  id: string;
  name: string;
  query?: string | null;
  filter: { species?: string[] | null; sex?: string[] | null; showsGenes?: string[] | null; minPrice?: number | null; maxPrice?: number | null };
}

function describe(search: Saved): string {
  const parts: string[] = [];
  if (search.query) parts.push(`“${search.query}”`);
  if (search.filter.species?.length) parts.push(search.filter.species.join(' or '));
  if (search.filter.sex?.length) parts.push(search.filter.sex.map((s) => s.toLowerCase()).join(' or '));
  if (search.filter.showsGenes?.length) parts.push(`showing ${search.filter.showsGenes.join(', ')}`);
  if (search.filter.minPrice != null) parts.push(`from ${search.filter.minPrice}`);
  if (search.filter.maxPrice != null) parts.push(`up to ${search.filter.maxPrice}`);
  return parts.length ? parts.join(' · ') : 'Every new listing';
}

/** One saved search and its matches, the new ones arriving live and announced. */
function SavedSearchCard({ search }: { search: Saved }) {
  const { loading, error, matches, fresh } = useLiveMatches(search.id);
  const [remove, removing] = useMutation(DELETE_SAVED_SEARCH, { refetchQueries: ['WebSavedSearches'] });
  const headingId = `saved-${search.id}`;
  const newest = [...matches].reverse();

  return (
    <li className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{search.name}</h2>
      <p className="muted">{describe(search)}</p>
      <ErrorMessage error={error ?? removing.error} />
      {loading && <Loading label="Loading matches…" />}
      {/* Announced politely: a breeder on another page of the app is not interrupted. */}
      <p role="status" className="status">
        {fresh.length === 0 ? '' : fresh.length === 1 ? '1 new match since you opened this page' : `${fresh.length} new matches since you opened this page`}
      </p>
      {!loading && matches.length === 0 && <Empty>No match yet. New listings that match appear here as they go on the market.</Empty>}
      <ul className="matches" aria-label={`Matches of ${search.name}`}>
        {newest.map((match) => (
          <li key={match.id} className={fresh.includes(match.id) ? 'fresh' : undefined}>
            {match.listing ? (
              <>
                <Link to={`/listings/${match.listing.id}`}>{match.listing.title}</Link> · {money(match.listing.price, match.listing.currency)}
              </>
            ) : (
              'A listing you can no longer see'
            )}{' '}
            <span className="muted">
              matched <time dateTime={match.matchedAt}>{new Date(match.matchedAt).toLocaleString()}</time>
            </span>
            {fresh.includes(match.id) && <strong className="badge"> New</strong>}
          </li>
        ))}
      </ul>
      <Button className="button" isDisabled={removing.loading} onPress={() => remove({ variables: { id: search.id } }).catch(() => undefined)}>
        Delete “{search.name}”
      </Button>
    </li>
  );
}

/** The organisation's saved searches, each followed live over the subscription. */
export default function SavedSearchesPage() {
  const { data, loading, error } = useQuery(SAVED_SEARCHES, { fetchPolicy: 'cache-and-network' });
  const searches = data?.savedSearches.edges.map((edge) => edge.node) ?? [];
  return (
    <section aria-labelledby="saved-searches-title">
      <h1 id="saved-searches-title">Saved searches</h1>
      <ErrorMessage error={error} />
      {loading && !data && <Loading label="Loading saved searches…" />}
      {data && searches.length === 0 && (
        <Empty>
          No saved search yet. On the <Link to="/marketplace">marketplace</Link>, search and filter, then “Save this search”.
        </Empty>
      )}
      <ul className="saved-searches">
        {searches.map((search) => (
          <SavedSearchCard key={search.id} search={search} />
        ))}
      </ul>
    </section>
  );
}
