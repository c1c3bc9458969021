CREATE TABLE "match_decisions" (
	"record_a" bigint NOT NULL,
	"record_b" bigint NOT NULL,
	"decision" text NOT NULL,
	"decided_by" integer NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "match_decisions_record_a_record_b_pk" PRIMARY KEY("record_a","record_b")
);
--> statement-breakpoint
CREATE TABLE "match_reviews" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"record_a" bigint NOT NULL,
	"record_b" bigint NOT NULL,
	"weight" double precision NOT NULL,
	"probability" double precision NOT NULL,
	"evidence" jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "match_decisions" ADD CONSTRAINT "match_decisions_record_a_person_records_id_fk" FOREIGN KEY ("record_a") REFERENCES "public"."person_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_decisions" ADD CONSTRAINT "match_decisions_record_b_person_records_id_fk" FOREIGN KEY ("record_b") REFERENCES "public"."person_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_decisions" ADD CONSTRAINT "match_decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_reviews" ADD CONSTRAINT "match_reviews_record_a_person_records_id_fk" FOREIGN KEY ("record_a") REFERENCES "public"."person_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_reviews" ADD CONSTRAINT "match_reviews_record_b_person_records_id_fk" FOREIGN KEY ("record_b") REFERENCES "public"."person_records"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "match_reviews_pair_key" ON "match_reviews" USING btree ("record_a","record_b");--> statement-breakpoint
CREATE INDEX "match_reviews_status_idx" ON "match_reviews" USING btree ("status","id");