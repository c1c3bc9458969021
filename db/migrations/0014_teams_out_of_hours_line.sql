ALTER TABLE "teams" ADD COLUMN "out_of_hours_name" text;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "out_of_hours_phone" text;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_out_of_hours_both_or_neither" CHECK (("teams"."out_of_hours_name" IS NULL) = ("teams"."out_of_hours_phone" IS NULL));