-- Leave room on each outbox page for the row's later versions, so the relay's "dispatched"
-- update is a HOT update (no index entry; dispatched_at is in no index) and the consumer's
-- "done" update lands on the same page (no relation extension, no free-space-map search).
-- Drizzle cannot declare a table's storage parameters, hence a custom migration.
-- Existing pages keep their packing; new pages (every new row) follow the setting.
ALTER TABLE "outbox" SET (fillfactor = 40);
