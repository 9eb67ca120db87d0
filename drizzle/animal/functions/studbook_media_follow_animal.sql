-- An animal's media are seen by whoever sees the animal: when its visibility changes, its media's
-- follows in the same statement, whatever code path changed it. Runs as the owner because the
-- animal's media rows are its own tenant's (so RLS would allow it anyway) and the function must
-- not depend on the caller's grants; it touches only rows of the animal that changed.
CREATE OR REPLACE FUNCTION studbook_media_follow_animal() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE public.animal_media SET visibility = NEW.visibility, updated_at = date_trunc('milliseconds', now())
  WHERE animal_id = NEW.id AND visibility IS DISTINCT FROM NEW.visibility;
  RETURN NULL;
END $$;

-- Created only when missing (see shared/outbox.sql): a start must not take an exclusive lock on animals.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'media_follow_animal' AND tgrelid = 'public.animals'::regclass) THEN
    CREATE TRIGGER media_follow_animal AFTER UPDATE OF visibility ON animals FOR EACH ROW
      WHEN (OLD.visibility IS DISTINCT FROM NEW.visibility) EXECUTE FUNCTION studbook_media_follow_animal();
  END IF;
END $$;
