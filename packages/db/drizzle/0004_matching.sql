CREATE TABLE "excluded_pairs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_a" uuid NOT NULL,
	"institution_b" uuid NOT NULL,
	"interest_a" uuid,
	"interest_b" uuid,
	"reason" text NOT NULL,
	"proposal_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "excluded_pairs_interests_ck" CHECK (("excluded_pairs"."interest_a" is null) = ("excluded_pairs"."interest_b" is null))
);
--> statement-breakpoint
CREATE TABLE "interest_expressions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"from_interest_id" uuid NOT NULL,
	"to_interest_id" uuid NOT NULL,
	"user_id" uuid,
	"proposal_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "match_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scope" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"policy" text NOT NULL,
	"proposer" text DEFAULT 'duren' NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"weights" jsonb,
	"summary" jsonb,
	"error" text,
	"requested_by" uuid,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "match_rounds_progress_ck" CHECK ("match_rounds"."progress" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "partnerships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"proposal_id" uuid,
	"interest_a" uuid NOT NULL,
	"interest_b" uuid NOT NULL,
	"institution_a" uuid NOT NULL,
	"institution_b" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"proposal_id" uuid NOT NULL,
	"side" text NOT NULL,
	"decision" text NOT NULL,
	"reason" text,
	"text" text,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid,
	"origin" text DEFAULT 'round' NOT NULL,
	"interest_a" uuid NOT NULL,
	"interest_b" uuid NOT NULL,
	"institution_a" uuid NOT NULL,
	"institution_b" uuid NOT NULL,
	"score" double precision,
	"explanation" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"expires_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "excluded_pairs" ADD CONSTRAINT "excluded_pairs_institution_a_institutions_id_fk" FOREIGN KEY ("institution_a") REFERENCES "public"."institutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "excluded_pairs" ADD CONSTRAINT "excluded_pairs_institution_b_institutions_id_fk" FOREIGN KEY ("institution_b") REFERENCES "public"."institutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "excluded_pairs" ADD CONSTRAINT "excluded_pairs_interest_a_interests_id_fk" FOREIGN KEY ("interest_a") REFERENCES "public"."interests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "excluded_pairs" ADD CONSTRAINT "excluded_pairs_interest_b_interests_id_fk" FOREIGN KEY ("interest_b") REFERENCES "public"."interests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "excluded_pairs" ADD CONSTRAINT "excluded_pairs_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "excluded_pairs" ADD CONSTRAINT "excluded_pairs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interest_expressions" ADD CONSTRAINT "interest_expressions_from_interest_id_interests_id_fk" FOREIGN KEY ("from_interest_id") REFERENCES "public"."interests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interest_expressions" ADD CONSTRAINT "interest_expressions_to_interest_id_interests_id_fk" FOREIGN KEY ("to_interest_id") REFERENCES "public"."interests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interest_expressions" ADD CONSTRAINT "interest_expressions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interest_expressions" ADD CONSTRAINT "interest_expressions_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_rounds" ADD CONSTRAINT "match_rounds_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnerships" ADD CONSTRAINT "partnerships_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnerships" ADD CONSTRAINT "partnerships_interest_a_interests_id_fk" FOREIGN KEY ("interest_a") REFERENCES "public"."interests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnerships" ADD CONSTRAINT "partnerships_interest_b_interests_id_fk" FOREIGN KEY ("interest_b") REFERENCES "public"."interests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnerships" ADD CONSTRAINT "partnerships_institution_a_institutions_id_fk" FOREIGN KEY ("institution_a") REFERENCES "public"."institutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnerships" ADD CONSTRAINT "partnerships_institution_b_institutions_id_fk" FOREIGN KEY ("institution_b") REFERENCES "public"."institutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_decisions" ADD CONSTRAINT "proposal_decisions_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_decisions" ADD CONSTRAINT "proposal_decisions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_round_id_match_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."match_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_interest_a_interests_id_fk" FOREIGN KEY ("interest_a") REFERENCES "public"."interests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_interest_b_interests_id_fk" FOREIGN KEY ("interest_b") REFERENCES "public"."interests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_institution_a_institutions_id_fk" FOREIGN KEY ("institution_a") REFERENCES "public"."institutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_institution_b_institutions_id_fk" FOREIGN KEY ("institution_b") REFERENCES "public"."institutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "excluded_pairs_interest_uq" ON "excluded_pairs" USING btree ("interest_a","interest_b") WHERE "excluded_pairs"."interest_a" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "excluded_pairs_institution_uq" ON "excluded_pairs" USING btree ("institution_a","institution_b") WHERE "excluded_pairs"."interest_a" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "interest_expressions_pair_uq" ON "interest_expressions" USING btree ("from_interest_id","to_interest_id");--> statement-breakpoint
CREATE INDEX "interest_expressions_to_ix" ON "interest_expressions" USING btree ("to_interest_id");--> statement-breakpoint
CREATE INDEX "match_rounds_created_ix" ON "match_rounds" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "partnerships_interest_pair_uq" ON "partnerships" USING btree ("interest_a","interest_b");--> statement-breakpoint
CREATE UNIQUE INDEX "partnerships_proposal_uq" ON "partnerships" USING btree ("proposal_id");--> statement-breakpoint
CREATE INDEX "partnerships_institutions_ix" ON "partnerships" USING btree ("institution_a","institution_b");--> statement-breakpoint
CREATE INDEX "partnerships_institution_b_ix" ON "partnerships" USING btree ("institution_b");--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_decisions_answer_uq" ON "proposal_decisions" USING btree ("proposal_id","side") WHERE "proposal_decisions"."decision" in ('accept', 'decline');--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_decisions_confirm_uq" ON "proposal_decisions" USING btree ("proposal_id","side") WHERE "proposal_decisions"."decision" = 'confirm';--> statement-breakpoint
CREATE UNIQUE INDEX "proposals_round_pair_uq" ON "proposals" USING btree ("round_id","interest_a","interest_b");--> statement-breakpoint
CREATE UNIQUE INDEX "proposals_live_pair_uq" ON "proposals" USING btree ("interest_a","interest_b") WHERE "proposals"."status" in ('open', 'accepted');--> statement-breakpoint
CREATE INDEX "proposals_institution_a_ix" ON "proposals" USING btree ("institution_a","created_at");--> statement-breakpoint
CREATE INDEX "proposals_institution_b_ix" ON "proposals" USING btree ("institution_b","created_at");--> statement-breakpoint
CREATE INDEX "proposals_expiry_ix" ON "proposals" USING btree ("expires_at") WHERE "proposals"."status" = 'open';