ALTER TABLE "notifications" ADD COLUMN "outbox_id" uuid;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "payload" jsonb;--> statement-breakpoint
-- Hand-written backfill: every inbox row takes the outbox row and the event of the delivery record
-- that wrote it. A row whose delivery is gone keeps its stored text (and no outbox id).
UPDATE "notifications" AS n SET "outbox_id" = d."outbox_id", "payload" = d."payload" FROM "deliveries" AS d WHERE d."id" = n."delivery_id";
