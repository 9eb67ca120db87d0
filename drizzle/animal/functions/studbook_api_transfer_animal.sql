-- Moves an animal to its buyer for a completed sale: the only way an animal changes organisation
-- (every tenant policy's WITH CHECK refuses a row written into another tenant). Called by the
-- ownership consumer (subgraphs/animal/src/modules/ownership) as the buyer, for each delivery of a
-- sale.completed event; guarded so that it acts on a sale exactly once and only as the sale says:
--   * the caller's tenant must be the sale's buyer, and buyer and seller must differ;
--   * a sale id already recorded returns what was recorded (first_time false) and changes nothing,
--     so a duplicated or replayed delivery is harmless; the advisory lock serialises two at once;
--   * the seller named by the sale must own the animal now, and the animal must exist and be alive.
-- Otherwise the sale is recorded as FAILED with its reason and nothing moves. On success the
-- animal, its genotype, its lineage metrics and its event history (the outbox rows of the animal
-- aggregate, whose versions its new owner counts on from) become the buyer's; its parents,
-- offspring links and F are untouched, and the seller's breeding records stay the seller's. The
-- animal arrives ACTIVE without the seller's external id (that numbering is the seller's); the
-- seller's record of the sale (animal_transfers, tenant = seller) keeps its name as sold.
CREATE OR REPLACE FUNCTION studbook_api_transfer_animal(sale uuid, listing uuid, animal uuid, seller uuid, buyer uuid, completed timestamptz)
RETURNS TABLE (outcome text, failure_reason text, first_time boolean)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  owner_now uuid;
  status_now public.animal_status;
  name_now text;
  failure text;
BEGIN
  IF public.studbook_current_tenant() IS DISTINCT FROM buyer THEN
    RAISE EXCEPTION 'an ownership transfer runs as its buyer' USING ERRCODE = '42501';
  END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('studbook_animal_transfer:' || sale::text, 0));
  RETURN QUERY SELECT t.outcome::text, t.failure_reason, false FROM public.animal_transfers t WHERE t.sale_id = sale;
  IF FOUND THEN
    RETURN;
  END IF;
  SELECT a.tenant_id, a.status, a.name INTO owner_now, status_now, name_now FROM public.animals a WHERE a.id = animal FOR UPDATE;
  failure := CASE
    WHEN seller = buyer THEN 'SAME_ORGANIZATION'
    WHEN owner_now IS NULL THEN 'ANIMAL_DELETED'
    WHEN owner_now <> seller THEN 'SELLER_NOT_OWNER'
    WHEN status_now = 'DECEASED' THEN 'ANIMAL_DECEASED'
  END;
  IF failure IS NULL THEN
    UPDATE public.animals SET tenant_id = buyer, status = 'ACTIVE', external_id = NULL, updated_at = now() WHERE id = animal;
    UPDATE public.animal_genotypes SET tenant_id = buyer WHERE animal_id = animal;
    UPDATE public.lineage_metrics SET tenant_id = buyer WHERE id = animal;
    UPDATE public.outbox SET tenant_id = buyer WHERE aggregate_type = 'animal' AND aggregate_id = animal::text;
  END IF;
  INSERT INTO public.animal_transfers (tenant_id, sale_id, listing_id, animal_id, buyer_tenant_id, outcome, failure_reason, animal_name, completed_at)
  VALUES (seller, sale, listing, animal, buyer, CASE WHEN failure IS NULL THEN 'TRANSFERRED' ELSE 'FAILED' END::public.transfer_outcome, failure,
          CASE WHEN owner_now = seller THEN name_now END, completed);
  RETURN QUERY SELECT CASE WHEN failure IS NULL THEN 'TRANSFERRED' ELSE 'FAILED' END, failure, true;
END $$;
