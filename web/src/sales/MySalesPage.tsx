import { SalesList } from './SalesList';

/** Reservations and sales of the organisation's listings. */
export default function MySalesPage() {
  return <SalesList side="seller" />;
}
