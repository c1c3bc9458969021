CREATE TABLE "person_link_models" (
	"id" serial PRIMARY KEY NOT NULL,
	"trained_at" timestamp with time zone DEFAULT now() NOT NULL,
	"records" integer NOT NULL,
	"model" jsonb NOT NULL
);
--> statement-breakpoint
DROP INDEX "persons_match_key_key";--> statement-breakpoint
ALTER TABLE "persons" DROP COLUMN "match_key";