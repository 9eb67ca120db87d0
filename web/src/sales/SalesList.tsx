import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Link } from 'react-router';
import { CursorPager } from '../ui/CursorPager';
import { Empty, ErrorMessage, Loading } from '../ui/Status';
import { SaleCard } from './SaleCard';
import { MY_PURCHASES, MY_SALES } from './sale-operations';
import type { Side } from './sale-state';

const PAGE_SIZE = 20;

/** "My purchases" or "My sales": every sale of the organisation on that side, newest first, with the steps it may take. */
export function SalesList({ side }: { side: Side }) {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const variables = { first: PAGE_SIZE, after: cursors[cursors.length - 1] };
  const purchases = useQuery(MY_PURCHASES, { variables, skip: side !== 'buyer', fetchPolicy: 'cache-and-network' });
  const sales = useQuery(MY_SALES, { variables, skip: side !== 'seller', fetchPolicy: 'cache-and-network' });
  const { data, loading, error } = side === 'buyer' ? { ...purchases, data: purchases.data?.myPurchases } : { ...sales, data: sales.data?.mySales };
  const title = side === 'buyer' ? 'My purchases' : 'My sales';

  return (
    <section aria-labelledby="sales-title">
      <h1 id="sales-title">{title}</h1>
      <ErrorMessage error={error} />
      {loading && !data && <Loading label={`Loading ${title.toLowerCase()}…`} />}
      {data && data.edges.length === 0 && (
        <Empty>
          {side === 'buyer' ? (
            <>
              Nothing reserved yet. <Link to="/marketplace">Find an animal on the marketplace</Link>.
            </>
          ) : (
            'No buyer has reserved one of your listings yet.'
          )}
        </Empty>
      )}
      <ul className="sales">
        {data?.edges.map(({ node }) => (
          <SaleCard key={node.id} sale={node} side={side} />
        ))}
      </ul>
      {(cursors.length > 1 || data?.pageInfo.hasNextPage) && <CursorPager cursors={cursors} onChange={setCursors} pageInfo={data?.pageInfo} />}
    </section>
  );
}
