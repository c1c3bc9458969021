-- A random id instead of a serial one: serial ids numbered each daily run's rows together, and a
-- run takes the rows whose last day was 12 months before it. Rows already copied get new ids.
ALTER TABLE "trend_involvements" DROP COLUMN "id";--> statement-breakpoint
ALTER TABLE "trend_involvements" ADD COLUMN "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
-- Rows copied before last_month existed were contacts or cases copied by their opening month:
-- that month is the best known.
ALTER TABLE "trend_involvements" ADD COLUMN "last_month" date;--> statement-breakpoint
UPDATE "trend_involvements" SET "last_month" = "month";--> statement-breakpoint
ALTER TABLE "trend_involvements" ALTER COLUMN "last_month" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "trend_involvements_last_month_idx" ON "trend_involvements" USING btree ("last_month");
