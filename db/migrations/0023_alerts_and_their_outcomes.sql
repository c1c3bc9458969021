CREATE TABLE "alert_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"alert_id" bigint NOT NULL,
	"event" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" integer,
	"reason" text,
	"evidence" jsonb,
	CONSTRAINT "alert_events_event_known" CHECK ("alert_events"."event" IN ('raised', 'updated', 'acknowledged', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"rule" text NOT NULL,
	"rules_version" text NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"uprn" bigint,
	"person_id" bigint,
	"lead_team_id" integer NOT NULL,
	"evidence" jsonb NOT NULL,
	"latest_contact" date NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" integer,
	"closed_at" timestamp with time zone,
	"closed_by" integer,
	"closed_reason" text,
	CONSTRAINT "alerts_state_known" CHECK ("alerts"."state" IN ('open', 'acknowledged', 'closed')),
	CONSTRAINT "alerts_subject_known" CHECK ("alerts"."subject_kind" IN ('address', 'person')),
	CONSTRAINT "alerts_closed_whole" CHECK (("alerts"."state" = 'closed') = ("alerts"."closed_at" IS NOT NULL) AND ("alerts"."closed_at" IS NULL) = ("alerts"."closed_reason" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "alert_events" ADD CONSTRAINT "alert_events_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_events" ADD CONSTRAINT "alert_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_lead_team_id_teams_id_fk" FOREIGN KEY ("lead_team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_events_alert_idx" ON "alert_events" USING btree ("alert_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_one_open_idx" ON "alerts" USING btree ("rule","subject_kind","subject_id") WHERE state <> 'closed';--> statement-breakpoint
CREATE INDEX "alerts_uprn_idx" ON "alerts" USING btree ("uprn");--> statement-breakpoint
CREATE INDEX "alerts_rule_subject_idx" ON "alerts" USING btree ("rule","subject_kind","subject_id","closed_at");