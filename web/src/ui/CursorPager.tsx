import { Button } from 'react-aria-components';

interface PageInfo {
  hasNextPage: boolean;
  endCursor?: string | null;
}

/**
 * Previous and Next for a cursor-paged list. `cursors` holds the `after` of every page up to this one
 * (null for the first), so Previous goes back exactly to the page it came from.
 */
export function CursorPager({
  cursors,
  onChange,
  pageInfo,
}: {
  cursors: (string | null)[];
  onChange: (cursors: (string | null)[]) => void;
  pageInfo: PageInfo | null | undefined;
}) {
  const endCursor = pageInfo?.endCursor;
  return (
    <nav className="pager" aria-label="Pages">
      <Button className="button" isDisabled={cursors.length === 1} onPress={() => onChange(cursors.slice(0, -1))}>
        Previous page
      </Button>
      <span>Page {cursors.length}</span>
      <Button className="button" isDisabled={!pageInfo?.hasNextPage} onPress={() => endCursor && onChange([...cursors, endCursor])}>
        Next page
      </Button>
    </nav>
  );
}
