ALTER TABLE "audit_events" ADD COLUMN "organisation_id" integer;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "role" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "subject_kind" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "subject_id" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "purpose" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "reference" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "detail" jsonb;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "matrix_version" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "client" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "session_ref" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_events_uprn_at_idx" ON "audit_events" USING btree ("uprn","at");--> statement-breakpoint
CREATE INDEX "audit_events_subject_idx" ON "audit_events" USING btree ("subject_kind","subject_id");