-- A pedigree certificate by its id, for the public verification page: anyone holding the id (a
-- random UUID printed on the certificate) may read what the certificate itself shows, and nothing
-- else of the issuing organisation. The issuer's tenant comes back so the service can recompute the
-- facts as the issuer saw them and tell whether the record has changed.
-- Its result gained owner_name (the name printed): a changed result type needs the old one dropped.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_proc WHERE proname = 'studbook_api_certificate' AND pg_get_function_result(oid) NOT LIKE '%owner_name%') THEN
    DROP FUNCTION studbook_api_certificate(uuid);
  END IF;
END $$;

CREATE OR REPLACE FUNCTION studbook_api_certificate(certificate_id uuid)
RETURNS TABLE (id uuid, tenant_id uuid, animal_id uuid, generations integer, facts jsonb, content_hash text, owner_name text, issued_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT c.id, c.tenant_id, c.animal_id, c.generations, c.facts, c.content_hash, c.owner_name, c.created_at
  FROM public.pedigree_certificates c WHERE c.id = certificate_id
$$;
