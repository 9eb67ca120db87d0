import { SalesList } from './SalesList';

/** What the organisation reserved or bought. */
export default function PurchasesPage() {
  return <SalesList side="buyer" />;
}
