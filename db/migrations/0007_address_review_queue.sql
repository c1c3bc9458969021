CREATE TABLE "address_decisions" (
	"address_key" text NOT NULL,
	"candidate_uprn" bigint NOT NULL,
	"decision" text NOT NULL,
	"decided_by" integer NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "address_decisions_address_key_candidate_uprn_pk" PRIMARY KEY("address_key","candidate_uprn")
);
--> statement-breakpoint
CREATE TABLE "address_reviews" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"address_key" text NOT NULL,
	"candidate_uprn" bigint NOT NULL,
	"score" real NOT NULL,
	"reasons" text[] NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "involvements" ADD COLUMN "address_key" text;--> statement-breakpoint
ALTER TABLE "address_decisions" ADD CONSTRAINT "address_decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "address_reviews_key_candidate_key" ON "address_reviews" USING btree ("address_key","candidate_uprn");--> statement-breakpoint
CREATE INDEX "address_reviews_status_idx" ON "address_reviews" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "involvements_address_review_idx" ON "involvements" USING btree ("address_key","address_candidate_uprn") WHERE address_candidate_uprn IS NOT NULL;--> statement-breakpoint
-- Rows kept as possible before this migration: give them their address key (the same
-- normalisation as server/src/matching/address-key.ts) and one review item per key and candidate.
UPDATE "involvements"
SET "address_key" = upper(btrim(regexp_replace("address_text", '[^A-Za-z0-9]+', ' ', 'g')))
  || '|' || upper(regexp_replace(coalesce("postcode", ''), '[^A-Za-z0-9]+', '', 'g'))
WHERE "address_candidate_uprn" IS NOT NULL AND "address_text" IS NOT NULL;--> statement-breakpoint
INSERT INTO "address_reviews" ("address_key", "candidate_uprn", "score", "reasons")
SELECT DISTINCT ON ("address_key", "address_candidate_uprn")
  "address_key", "address_candidate_uprn", coalesce("address_score", 0), coalesce("address_reasons", '{}')
FROM "involvements"
WHERE "address_match" = 'possible' AND "address_key" IS NOT NULL AND "address_candidate_uprn" IS NOT NULL
ORDER BY "address_key", "address_candidate_uprn", "id" DESC
ON CONFLICT DO NOTHING;
