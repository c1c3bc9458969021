CREATE TABLE "break_glass" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	"uprn" bigint NOT NULL,
	"reason" text NOT NULL,
	"purpose" text NOT NULL,
	"reference" text,
	"granted_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"reviewed_by" integer,
	"reviewed_at" timestamp with time zone,
	"outcome" text,
	CONSTRAINT "break_glass_outcome_known" CHECK ("break_glass"."outcome" IS NULL OR "break_glass"."outcome" IN ('justified', 'not-justified')),
	CONSTRAINT "break_glass_reviewed_together" CHECK (("break_glass"."reviewed_at" IS NULL) = ("break_glass"."outcome" IS NULL) AND ("break_glass"."reviewed_at" IS NULL) = ("break_glass"."reviewed_by" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "lead_notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"team_id" integer NOT NULL,
	"uprn" bigint NOT NULL,
	"person_id" bigint,
	"viewer_user_id" integer NOT NULL,
	"viewer_organisation_id" integer NOT NULL,
	"viewer_role" text NOT NULL,
	"purpose" text NOT NULL,
	"reference" text,
	"break_glass" boolean DEFAULT false NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "involvements" ADD COLUMN "sensitive" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "team_id" integer;--> statement-breakpoint
ALTER TABLE "break_glass" ADD CONSTRAINT "break_glass_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "break_glass" ADD CONSTRAINT "break_glass_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "break_glass" ADD CONSTRAINT "break_glass_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_notifications" ADD CONSTRAINT "lead_notifications_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_notifications" ADD CONSTRAINT "lead_notifications_viewer_user_id_users_id_fk" FOREIGN KEY ("viewer_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_notifications" ADD CONSTRAINT "lead_notifications_viewer_organisation_id_organisations_id_fk" FOREIGN KEY ("viewer_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "break_glass_user_uprn_idx" ON "break_glass" USING btree ("user_id","uprn","expires_at");--> statement-breakpoint
CREATE INDEX "break_glass_unreviewed_idx" ON "break_glass" USING btree ("organisation_id","granted_at") WHERE reviewed_at IS NULL;--> statement-breakpoint
CREATE INDEX "lead_notifications_team_at_idx" ON "lead_notifications" USING btree ("team_id","at");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "involvements_sensitive_idx" ON "involvements" USING btree ("uprn") WHERE sensitive;