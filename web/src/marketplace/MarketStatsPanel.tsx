import { useQuery } from '@apollo/client/react';
import { ErrorMessage, Loading } from '../ui/Status';
import { money } from './MarketplacePage';
import { MARKET_STATS } from './marketplace-operations';

const MONTHS = 12;

/** The species' market over the last year, per month and currency: listings and sales with their medians (a table: no chart library here). */
export function MarketStatsPanel({ species }: { species: string }) {
  const { data, loading, error } = useQuery(MARKET_STATS, { variables: { species, months: MONTHS } });
  const months = (data?.marketStats ?? []).filter((m) => m.listingCount > 0 || m.saleCount > 0);
  const price = (value: number | null | undefined, currency: string) => (value === null || value === undefined ? '—' : money(value, currency));

  return (
    <section aria-labelledby="market-stats-title" className="card">
      <h2 id="market-stats-title">
        {species} prices, last {MONTHS} months
      </h2>
      <ErrorMessage error={error} />
      {loading && !data && <Loading label="Loading market prices…" />}
      {data && months.length === 0 && <p className="muted">No listing of this species in that time.</p>}
      {/* Focusable: on a phone the table scrolls sideways in its figure, and a keyboard must be able to scroll it. */}
      {months.length > 0 && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region is reached by keyboard (WCAG 2.1.1, axe scrollable-region-focusable)
        <figure className="table-scroll" tabIndex={0} aria-labelledby="market-stats-title">
          <table className="table">
            <caption className="muted">A median needs at least three prices, so no single sale can be read from it.</caption>
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col">Listed</th>
                <th scope="col">Median asking</th>
                <th scope="col">Sold</th>
                <th scope="col">Median sold</th>
              </tr>
            </thead>
            <tbody>
              {months.map((m) => (
                <tr key={`${m.month}-${m.currency}`}>
                  <th scope="row">
                    {m.month} <span className="muted">{m.currency}</span>
                  </th>
                  <td>{m.listingCount}</td>
                  <td>{price(m.medianAskingPrice, m.currency)}</td>
                  <td>{m.saleCount}</td>
                  <td>{price(m.medianSoldPrice, m.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </figure>
      )}
    </section>
  );
}
