ALTER TABLE "lead_notifications" ALTER COLUMN "uprn" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "lead_notifications" ADD COLUMN "subject_kind" text DEFAULT 'address' NOT NULL;--> statement-breakpoint
CREATE INDEX "person_records_dob_idx" ON "person_records" USING btree ("date_of_birth");--> statement-breakpoint
CREATE INDEX "person_records_nhs_number_idx" ON "person_records" USING btree ("nhs_number") WHERE "person_records"."nhs_number" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "lead_notifications" ADD CONSTRAINT "lead_notifications_subject_known" CHECK ("lead_notifications"."subject_kind" IN ('address', 'person') AND ("lead_notifications"."subject_kind" = 'person' OR "lead_notifications"."uprn" IS NOT NULL));--> statement-breakpoint
-- Finding a person by name as it is typed, through plain b-tree lookups: the given name (or any of
-- its short forms) with the family name's initial, and the family name with the given name's
-- initial (which also meets given and family names typed the wrong way round).
CREATE INDEX IF NOT EXISTS "person_records_given_family_initial_idx" ON "person_records" USING btree (lower("given_name"), left(lower("family_name"), 1));
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "person_records_family_given_initial_idx" ON "person_records" USING btree (lower("family_name"), left(lower("given_name"), 1));
