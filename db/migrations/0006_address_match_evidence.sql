ALTER TABLE "involvements" ADD COLUMN "address_candidate_uprn" bigint;--> statement-breakpoint
ALTER TABLE "involvements" ADD COLUMN "address_score" real;--> statement-breakpoint
ALTER TABLE "involvements" ADD COLUMN "address_reasons" text[];