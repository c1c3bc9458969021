CREATE INDEX "involvements_person_record_idx" ON "involvements" USING btree ("person_record_id");--> statement-breakpoint
CREATE INDEX "match_decisions_record_b_idx" ON "match_decisions" USING btree ("record_b");--> statement-breakpoint
CREATE INDEX "match_reviews_record_b_idx" ON "match_reviews" USING btree ("record_b");