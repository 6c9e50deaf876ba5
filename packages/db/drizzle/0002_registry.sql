CREATE TABLE "imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"side" text NOT NULL,
	"created_by" uuid,
	"file_name" text,
	"content" text,
	"status" text DEFAULT 'queued' NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"report" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "interests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"formats" text[] NOT NULL,
	"topics" text[] NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"age_min" integer NOT NULL,
	"age_max" integer NOT NULL,
	"group_min" integer NOT NULL,
	"group_max" integer NOT NULL,
	"languages" jsonb NOT NULL,
	"windows" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"duration_min_days" integer NOT NULL,
	"duration_max_days" integer NOT NULL,
	"direction" text NOT NULL,
	"hosting_guests" integer DEFAULT 0 NOT NULL,
	"host_families" integer DEFAULT 0 NOT NULL,
	"max_partners" integer DEFAULT 1 NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"last_confirmed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"email" text NOT NULL,
	"role" text DEFAULT 'member' NOT NULL,
	"token_hash" text NOT NULL,
	"invited_by" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "status" text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "kind" text;--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "subtype" text;--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "discipline" text;--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "municipality_id" text;--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "name_i18n" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "website" text;--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "size" integer;--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "languages" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "description" jsonb;--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "contact" jsonb;--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "contact_consent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "external_key" text;--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "demo" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "status_reason" text;--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "status_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "search_text" text GENERATED ALWAYS AS (dj_search_norm(dj_search_doc(name, name_i18n, description))) STORED;--> statement-breakpoint
ALTER TABLE "institutions" ADD COLUMN "search_grams" text[] GENERATED ALWAYS AS (dj_bigrams(dj_search_norm(dj_search_doc(name, name_i18n, description)))) STORED;--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interests" ADD CONSTRAINT "interests_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "imports_side_ix" ON "imports" USING btree ("side","created_at");--> statement-breakpoint
CREATE INDEX "interests_institution_ix" ON "interests" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "interests_topics_ix" ON "interests" USING gin ("topics");--> statement-breakpoint
CREATE INDEX "interests_formats_ix" ON "interests" USING gin ("formats");--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_token_hash_uq" ON "invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "invitations_institution_ix" ON "invitations" USING btree ("institution_id");--> statement-breakpoint
CREATE UNIQUE INDEX "institutions_external_key_uq" ON "institutions" USING btree ("external_key");--> statement-breakpoint
CREATE INDEX "institutions_side_status_ix" ON "institutions" USING btree ("side","status","id");--> statement-breakpoint
CREATE INDEX "institutions_search_grams_ix" ON "institutions" USING gin ("search_grams");