ALTER TABLE "lead_notifications" ALTER COLUMN "uprn" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "lead_notifications" ADD COLUMN "subject_kind" text DEFAULT 'address' NOT NULL;--> statement-breakpoint
CREATE INDEX "person_records_dob_idx" ON "person_records" USING btree ("date_of_birth");--> statement-breakpoint
CREATE INDEX "person_records_nhs_number_idx" ON "person_records" USING btree ("nhs_number") WHERE "person_records"."nhs_number" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "lead_notifications" ADD CONSTRAINT "lead_notifications_subject_known" CHECK ("lead_notifications"."subject_kind" IN ('address', 'person') AND ("lead_notifications"."subject_kind" = 'person' OR "lead_notifications"."uprn" IS NOT NULL));--> statement-breakpoint
-- Finding a person by name as it is typed: slips, nicknames and given and family names the wrong
-- way round meet through trigram similarity of the whole name (pg_trgm is installed by 0001).
CREATE INDEX IF NOT EXISTS "persons_name_trgm_idx" ON "persons" USING gin ((lower("given_name" || ' ' || "family_name")) gin_trgm_ops);
