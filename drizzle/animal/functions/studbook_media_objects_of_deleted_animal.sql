-- When an animal is deleted, its media and certificate rows go with it (foreign keys cascade), but
-- their bytes live in object storage, which no transaction reaches. Before the rows go, their object
-- keys are written to media_object_deletions in the same transaction as the animal.deleted event;
-- the media cleanup then deletes the objects. Runs as the owner: an animal's media rows may still
-- carry the organisation it was bought from, which RLS would hide from the deleting one.
CREATE OR REPLACE FUNCTION studbook_media_objects_of_deleted_animal() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO public.media_object_deletions (tenant_id, animal_id, object_key)
  SELECT OLD.tenant_id, OLD.id, k.key FROM (
    SELECT m.object_key AS key FROM public.animal_media m WHERE m.animal_id = OLD.id
    UNION
    SELECT r.value FROM public.animal_media m, jsonb_each_text(m.renditions) r WHERE m.animal_id = OLD.id
    UNION
    SELECT c.object_key FROM public.pedigree_certificates c WHERE c.animal_id = OLD.id
  ) k;
  RETURN OLD;
END $$;

-- Created only when missing (see shared/outbox.sql): a start must not take an exclusive lock on animals.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'media_objects_of_deleted_animal' AND tgrelid = 'public.animals'::regclass) THEN
    CREATE TRIGGER media_objects_of_deleted_animal BEFORE DELETE ON animals FOR EACH ROW
      EXECUTE FUNCTION studbook_media_objects_of_deleted_animal();
  END IF;
END $$;
