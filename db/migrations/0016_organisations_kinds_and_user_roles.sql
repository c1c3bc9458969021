-- An organisation's kind comes from the feed it sends; one that sends none is taken to be a council
-- until an administrator says otherwise.
ALTER TABLE "organisations" ADD COLUMN "kind" text;--> statement-breakpoint
UPDATE "organisations" o SET "kind" = COALESCE(
  (SELECT CASE WHEN t.feed IN ('police', 'fire', 'nhs') THEN t.feed ELSE 'council' END FROM "teams" t WHERE t.organisation_id = o.id LIMIT 1),
  'council');--> statement-breakpoint
-- Users named their organisation in free text: each name becomes an organisation, its kind read off
-- the role the user had (police and fire were roles before they were kinds).
INSERT INTO "organisations" ("name", "kind")
  SELECT DISTINCT ON (u.organisation) u.organisation, CASE WHEN u.role IN ('police', 'fire') THEN u.role ELSE 'council' END
  FROM "users" u
  ORDER BY u.organisation, u.id
  ON CONFLICT ("name") DO NOTHING;--> statement-breakpoint
ALTER TABLE "organisations" ALTER COLUMN "kind" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "organisation_id" integer;--> statement-breakpoint
UPDATE "users" u SET "organisation_id" = o.id FROM "organisations" o WHERE o.name = u.organisation;--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "organisation_id" SET NOT NULL;--> statement-breakpoint
-- Roles say what a user does; the organisation says whose they are.
UPDATE "users" SET "role" = CASE "role" WHEN 'police' THEN 'responder' WHEN 'fire' THEN 'responder' WHEN 'social-worker' THEN 'practitioner' ELSE "role" END;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "disabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "organisation";--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_kind_known" CHECK ("organisations"."kind" IN ('police', 'fire', 'nhs', 'council'));
