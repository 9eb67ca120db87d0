-- Search needs unaccent (accents do not matter: "Pied" finds "Piéd") and pg_trgm (typos: "pastle clwn"
-- finds Pastel Clown). They live in a schema of their own: tenancy.sql revokes EXECUTE on every function
-- of public from PUBLIC, which would leave the service role unable to call them.
CREATE SCHEMA IF NOT EXISTS extensions;--> statement-breakpoint
GRANT USAGE ON SCHEMA extensions TO PUBLIC;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA extensions;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA extensions;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS listing_search_text_trgm ON listing_search USING gin (search_text extensions.gin_trgm_ops) WHERE searchable;
