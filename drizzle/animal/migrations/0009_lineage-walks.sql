-- Custom SQL migration file, put your code below! --
-- lineage_metrics is re-keyed from animal_id to id by the generated 0011 (the audit trigger keys
-- rows by id), which adds the new primary key before dropping the old column: drop the old key here.
-- The lineage functions that read the table follow in 0012_lineage-walk-functions.sql.
ALTER TABLE "lineage_metrics" DROP CONSTRAINT IF EXISTS "lineage_metrics_pkey";
