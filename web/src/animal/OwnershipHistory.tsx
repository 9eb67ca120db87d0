import { Empty } from '../ui/Status';

interface Ownership {
  from: string;
  to?: string | null;
  saleId?: string | null;
  organization: { id: string; name: string };
}

/** Who has kept the animal, first owner first: a buyer checks where it came from. */
export function OwnershipHistory({ owners }: { owners: readonly Ownership[] }) {
  return (
    <section aria-labelledby="owners-title" className="card">
      <h2 id="owners-title">Ownership history</h2>
      {owners.length === 0 ? (
        <Empty>Not shown for an animal named only in a lineage.</Empty>
      ) : (
        <ol className="owners">
          {owners.map((owner) => (
            <li key={`${owner.organization.id}:${owner.from}`}>
              <strong>{owner.organization.name}</strong>{' '}
              <span className="muted">
                from {new Date(owner.from).toLocaleDateString()}
                {owner.to ? ` to ${new Date(owner.to).toLocaleDateString()}` : ' (current owner)'}
                {owner.saleId ? ', bought through the marketplace' : ', first owner'}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
