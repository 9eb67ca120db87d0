-- A sale is the seller's row (tenant_id, whose tenant_isolation policy studbook_secure_tables adds)
-- and its buyer's: this permissive policy lets the buyer's organisation read and write it too (cancel
-- it, see it end), and only while it stays the buyer's. Policies are ORed, so a sale is visible to
-- exactly its two organisations and to nobody else.
CREATE POLICY sales_buyer ON sales
  USING (buyer_organization_id = studbook_current_tenant())
  WITH CHECK (buyer_organization_id = studbook_current_tenant());
