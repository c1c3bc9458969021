-- The address search ranks in memory over a copy of the gazetteer (server/src/lookup/search/):
-- the street-name table and the indexes the earlier SQL type-ahead searched are no longer read.
-- What the search needs of the database is the gazetteer's version: the newest load's id.
CREATE TABLE "gazetteer_loads" (
	"id" serial PRIMARY KEY NOT NULL,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"addresses" integer NOT NULL
);
--> statement-breakpoint
DROP TABLE "place_names" CASCADE;--> statement-breakpoint
DROP INDEX "addresses_street_idx";--> statement-breakpoint
DROP INDEX "addresses_building_idx";--> statement-breakpoint
DROP INDEX IF EXISTS addresses_postcode_compact_idx;
