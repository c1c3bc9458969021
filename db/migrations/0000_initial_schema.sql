CREATE TABLE "organisations" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "organisations_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" serial PRIMARY KEY NOT NULL,
	"organisation_id" integer NOT NULL,
	"feed" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"hours" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "addresses" (
	"uprn" bigint PRIMARY KEY NOT NULL,
	"parent_uprn" bigint,
	"sub_building" text,
	"building_name" text,
	"building_number" text,
	"street" text NOT NULL,
	"locality" text,
	"town" text NOT NULL,
	"postcode" text NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"label" text NOT NULL,
	"search_text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_records" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"feed" text NOT NULL,
	"source_id" text NOT NULL,
	"person_id" bigint NOT NULL,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"date_of_birth" date NOT NULL,
	"sex" text,
	"nhs_number" text,
	"uprn" bigint
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"date_of_birth" date NOT NULL,
	"match_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "involvements" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"feed" text NOT NULL,
	"source_id" text NOT NULL,
	"uprn" bigint,
	"address_match" text NOT NULL,
	"address_text" text,
	"postcode" text,
	"person_record_id" bigint,
	"person_id" bigint,
	"category" text NOT NULL,
	"contact_date" date NOT NULL,
	"open" boolean,
	"closed_on" date,
	"attendance" text,
	"lead_team_id" integer NOT NULL,
	"upload_id" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feed_uploads" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"feed" text NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rows_total" integer NOT NULL,
	"rows_accepted" integer NOT NULL,
	"rows_rejected" integer NOT NULL,
	"ignored_columns" text[] NOT NULL,
	"cases_closed" integer DEFAULT 0 NOT NULL,
	"addresses_unmatched" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rejected_rows" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"upload_id" bigint NOT NULL,
	"row_number" integer NOT NULL,
	"reasons" text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" integer,
	"action" text NOT NULL,
	"uprn" bigint,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"role" text NOT NULL,
	"organisation" text NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_records" ADD CONSTRAINT "person_records_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "involvements" ADD CONSTRAINT "involvements_person_record_id_person_records_id_fk" FOREIGN KEY ("person_record_id") REFERENCES "public"."person_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "involvements" ADD CONSTRAINT "involvements_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "involvements" ADD CONSTRAINT "involvements_lead_team_id_teams_id_fk" FOREIGN KEY ("lead_team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "involvements" ADD CONSTRAINT "involvements_upload_id_feed_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."feed_uploads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rejected_rows" ADD CONSTRAINT "rejected_rows_upload_id_feed_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."feed_uploads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "teams_feed_code_key" ON "teams" USING btree ("feed","code");--> statement-breakpoint
CREATE INDEX "addresses_parent_uprn_idx" ON "addresses" USING btree ("parent_uprn");--> statement-breakpoint
CREATE INDEX "addresses_postcode_idx" ON "addresses" USING btree ("postcode");--> statement-breakpoint
CREATE UNIQUE INDEX "person_records_feed_source_key" ON "person_records" USING btree ("feed","source_id");--> statement-breakpoint
CREATE INDEX "person_records_person_idx" ON "person_records" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "person_records_uprn_idx" ON "person_records" USING btree ("uprn");--> statement-breakpoint
CREATE UNIQUE INDEX "persons_match_key_key" ON "persons" USING btree ("match_key");--> statement-breakpoint
CREATE UNIQUE INDEX "involvements_feed_source_key" ON "involvements" USING btree ("feed","source_id");--> statement-breakpoint
CREATE INDEX "involvements_uprn_idx" ON "involvements" USING btree ("uprn","feed");--> statement-breakpoint
CREATE INDEX "involvements_person_idx" ON "involvements" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "feed_uploads_feed_received_idx" ON "feed_uploads" USING btree ("feed","received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "feed_uploads_sha_key" ON "feed_uploads" USING btree ("feed","sha256");--> statement-breakpoint
CREATE INDEX "rejected_rows_upload_idx" ON "rejected_rows" USING btree ("upload_id","row_number");--> statement-breakpoint
CREATE INDEX "audit_events_user_at_idx" ON "audit_events" USING btree ("user_id","at");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");