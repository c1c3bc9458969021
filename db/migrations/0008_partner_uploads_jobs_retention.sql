CREATE TABLE "jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"state" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"run_after" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_by" text,
	"locked_until" timestamp with time zone,
	"result" jsonb,
	"dedupe_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "feed_tokens" (
	"id" serial PRIMARY KEY NOT NULL,
	"feed" text NOT NULL,
	"label" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sftp_keys" (
	"id" serial PRIMARY KEY NOT NULL,
	"feed" text NOT NULL,
	"label" text NOT NULL,
	"algorithm" text NOT NULL,
	"public_key" text NOT NULL,
	"fingerprint" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "trend_involvements" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"feed" text NOT NULL,
	"category" text NOT NULL,
	"month" date NOT NULL,
	"postcode_district" text,
	"person_key" text,
	"address_key" text,
	"was_open" boolean NOT NULL,
	"attendance" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "person_records" ADD COLUMN "postcode" text;--> statement-breakpoint
ALTER TABLE "person_records" ADD COLUMN "street_key" text;--> statement-breakpoint
ALTER TABLE "feed_uploads" ADD COLUMN "via" text DEFAULT 'cli' NOT NULL;--> statement-breakpoint
CREATE INDEX "jobs_ready_idx" ON "jobs" USING btree ("state","run_after","id");--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_dedupe_key" ON "jobs" USING btree ("kind","dedupe_key");--> statement-breakpoint
CREATE UNIQUE INDEX "feed_tokens_hash_key" ON "feed_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "feed_tokens_feed_idx" ON "feed_tokens" USING btree ("feed");--> statement-breakpoint
CREATE UNIQUE INDEX "sftp_keys_fingerprint_key" ON "sftp_keys" USING btree ("fingerprint");--> statement-breakpoint
CREATE INDEX "sftp_keys_feed_idx" ON "sftp_keys" USING btree ("feed");--> statement-breakpoint
CREATE INDEX "trend_involvements_month_idx" ON "trend_involvements" USING btree ("month");--> statement-breakpoint
CREATE INDEX "trend_involvements_feed_month_idx" ON "trend_involvements" USING btree ("feed","month");