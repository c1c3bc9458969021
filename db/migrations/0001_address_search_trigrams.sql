-- Type-ahead over the gazetteer tolerates typos and partials through trigram similarity.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS addresses_search_trgm_idx ON addresses USING gin (search_text gin_trgm_ops);
