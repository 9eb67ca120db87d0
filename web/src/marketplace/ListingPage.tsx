import { useQuery } from '@apollo/client/react';
import { Link, useParams } from 'react-router';
import { PedigreeChart } from '../animal/PedigreeChart';
import { PhotoGallery } from '../animal/PhotoGallery';
import { formatInbreeding } from '../collection/collection-view';
import { Empty, ErrorMessage, Loading } from '../ui/Status';
import { MarketStatsPanel } from './MarketStatsPanel';
import { money } from './MarketplacePage';
import { ReserveButton } from './ReserveButton';
import { SellerReputation } from './SellerReputation';
import { LISTING_PAGE } from './marketplace-operations';

/** One listing as a buyer reads it: price, terms, seller, and the animal's photos, genotype, F, completeness and pedigree. */
export default function ListingPage() {
  const { id = '' } = useParams();
  const { data, loading, error } = useQuery(LISTING_PAGE, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const listing = data?.listing;
  if (loading && !listing) return <Loading label="Loading the listing…" />;
  if (!listing) return error ? <ErrorMessage error={error} /> : <Empty>This listing does not exist.</Empty>;
  const animal = listing.animal;

  return (
    <article aria-labelledby="listing-page-title">
      <p>
        <Link to="/marketplace">Back to the marketplace</Link>
      </p>
      <h1 id="listing-page-title">{listing.title}</h1>
      <p className="figure">
        <strong>{money(listing.price, listing.currency)}</strong> <span className="muted">({listing.status.toLowerCase()})</span>
      </p>
      <dl className="details">
        <dt>Seller</dt>
        <dd>
          {listing.seller.name}
          {listing.sellerLocation ? `, ${[listing.sellerLocation.region, listing.sellerLocation.country].filter(Boolean).join(', ')}` : ''}
        </dd>
        <dt>Delivery</dt>
        <dd>
          {listing.shipsTo.length > 0 ? `Ships to ${listing.shipsTo.join(', ')}` : 'No shipping'}
          {listing.pickup ? '; pickup possible' : ''}
        </dd>
        {listing.publishedAt && (
          <>
            <dt>Listed</dt>
            <dd>{new Date(listing.publishedAt).toLocaleDateString()}</dd>
          </>
        )}
      </dl>
      {listing.description && <p className="description">{listing.description}</p>}
      <ReserveButton listingId={listing.id} sellerId={listing.seller.id} status={listing.status} />
      <SellerReputation listingId={listing.id} />
      {!animal && <Empty>The seller no longer shows this animal.</Empty>}
      {animal && (
        <>
          <section aria-labelledby="listed-animal-title" className="card">
            <h2 id="listed-animal-title">{animal.name}</h2>
            <dl className="details">
              <dt>Species</dt>
              <dd>
                {animal.species.commonName} (<i>{animal.species.scientificName}</i>)
              </dd>
              <dt>Sex</dt>
              <dd>{animal.sex.toLowerCase()}</dd>
              <dt>Hatched</dt>
              <dd>{animal.hatchDate ?? 'unknown'}</dd>
              <dt>Genotype</dt>
              <dd>{animal.genotype ? `${animal.genotype.notation} (${animal.genotype.phenotype})` : 'not recorded'}</dd>
              <dt>F</dt>
              <dd>{formatInbreeding(animal.inbreedingCoefficient)}</dd>
              <dt>Pedigree completeness</dt>
              <dd>
                {Math.round(animal.pedigree.completeness * 100)} % over {animal.pedigree.generations} generations
              </dd>
            </dl>
          </section>
          <PhotoGallery animalId={animal.id} animalName={animal.name} canEdit={false} />
          <section aria-labelledby="listed-pedigree-title" className="card">
            <h2 id="listed-pedigree-title">Pedigree</h2>
            <PedigreeChart subject={animal} entries={animal.pedigree.nodes} generations={animal.pedigree.generations} />
          </section>
          <MarketStatsPanel species={animal.species.commonName} />
        </>
      )}
    </article>
  );
}
