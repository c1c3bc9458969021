-- The trend copy kept the time each row was copied: a day, which the copy must never tell.
ALTER TABLE "trend_involvements" DROP COLUMN "created_at";