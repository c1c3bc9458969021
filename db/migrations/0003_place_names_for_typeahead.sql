CREATE TABLE "place_names" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"street" text NOT NULL,
	"locality" text NOT NULL,
	"town" text NOT NULL,
	"building_name" text NOT NULL,
	"name_text" text NOT NULL,
	"search_text" text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "place_names_key" ON "place_names" USING btree ("kind","street","locality","town","building_name");--> statement-breakpoint
CREATE INDEX "addresses_street_idx" ON "addresses" USING btree ("street","town");--> statement-breakpoint
CREATE INDEX "addresses_building_idx" ON "addresses" USING btree ("building_name","street");--> statement-breakpoint
ALTER TABLE "addresses" DROP COLUMN "search_text";--> statement-breakpoint
CREATE INDEX IF NOT EXISTS place_names_search_trgm_idx ON place_names USING gin (search_text gin_trgm_ops);
--> statement-breakpoint
-- Postcode type-ahead: "mb34", "MB3 4R" and "mb3 4rt" all reach the same index.
CREATE INDEX IF NOT EXISTS addresses_postcode_compact_idx ON addresses ((replace(postcode, ' ', '')) text_pattern_ops);
