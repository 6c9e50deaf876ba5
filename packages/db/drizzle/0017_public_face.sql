CREATE TABLE "institution_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"role" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "glossary_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seed_key" text,
	"de" text[] NOT NULL,
	"zh" text[] NOT NULL,
	"en" text[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_page_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"locale" text NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"body" text NOT NULL,
	"restored_from" integer,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "claim_state" text;--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "source" text;--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "source_key" text;--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "email_domain" text;--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "address" jsonb;--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "lat" double precision;--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "lon" double precision;--> statement-breakpoint
ALTER TABLE "institution_claims" ADD CONSTRAINT "institution_claims_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institution_claims" ADD CONSTRAINT "institution_claims_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institution_claims" ADD CONSTRAINT "institution_claims_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "glossary_entries" ADD CONSTRAINT "glossary_entries_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_page_versions" ADD CONSTRAINT "public_page_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "institution_claims_pending_uq" ON "institution_claims" USING btree ("institution_id") WHERE "institution_claims"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "institution_claims_status_ix" ON "institution_claims" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "glossary_entries_seed_key_uq" ON "glossary_entries" USING btree ("seed_key");--> statement-breakpoint
CREATE UNIQUE INDEX "public_page_versions_uq" ON "public_page_versions" USING btree ("slug","locale","version");--> statement-breakpoint
CREATE INDEX "public_page_versions_slug_ix" ON "public_page_versions" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "institutions_source_key_uq" ON "institutions" USING btree ("source","source_key");