DROP INDEX "notifications_delivery_uq";--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "title" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "body" DROP NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_event_user_uq" ON "notifications" USING btree ("outbox_id","user_id");--> statement-breakpoint
ALTER TABLE "notifications" DROP COLUMN "delivery_id";--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_content_ck" CHECK ("notifications"."payload" is not null or ("notifications"."title" is not null and "notifications"."body" is not null));--> statement-breakpoint
-- Hand-written: rows that have their event are rendered when read; their stored text is dropped.
UPDATE "notifications" SET "title" = NULL, "body" = NULL, "link" = NULL WHERE "payload" IS NOT NULL;
