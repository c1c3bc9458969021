CREATE TABLE "invites" (
	"id" serial PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"organisation_id" integer NOT NULL,
	"role" text NOT NULL,
	"display_name" text NOT NULL,
	"username" text,
	"email" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"used_by" integer,
	CONSTRAINT "invites_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "invites_username_or_email" CHECK ("invites"."username" IS NOT NULL OR "invites"."email" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "oidc_logins" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" integer NOT NULL,
	"state" text NOT NULL,
	"nonce" text NOT NULL,
	"code_verifier" text NOT NULL,
	"invite_id" integer,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "sign_in" text DEFAULT 'password' NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "oidc_issuer" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "oidc_client_id" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "oidc_client_secret_env" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "oidc_subject" text;--> statement-breakpoint
ALTER TABLE "invites" ADD CONSTRAINT "invites_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invites" ADD CONSTRAINT "invites_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invites" ADD CONSTRAINT "invites_used_by_users_id_fk" FOREIGN KEY ("used_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oidc_logins" ADD CONSTRAINT "oidc_logins_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oidc_logins" ADD CONSTRAINT "oidc_logins_invite_id_invites_id_fk" FOREIGN KEY ("invite_id") REFERENCES "public"."invites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invites_organisation_idx" ON "invites" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_organisation_oidc_subject_key" ON "users" USING btree ("organisation_id","oidc_subject");--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_sign_in_known" CHECK ("organisations"."sign_in" IN ('password', 'oidc'));--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_oidc_complete" CHECK ("organisations"."sign_in" <> 'oidc' OR ("organisations"."oidc_issuer" IS NOT NULL AND "organisations"."oidc_client_id" IS NOT NULL AND "organisations"."oidc_client_secret_env" IS NOT NULL));