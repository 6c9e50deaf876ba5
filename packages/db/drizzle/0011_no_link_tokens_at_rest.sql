-- Link tokens no longer sit anywhere in clear (README, Security): events carry the id of the
-- token row and the notifier derives the token with EMAIL_LINK_SECRET. This removes the raw
-- tokens earlier events left in the outbox, the delivery records and the inbox, and retires the
-- links they belonged to: a token that could be read from the database must open nothing. (The
-- API also refuses every token not derived from its row, so copies in Redis jobs or backups are
-- dead as well.)

-- A mail not sent yet cannot be written without its token any more: finish it and say why.
UPDATE "deliveries" SET "status" = 'failed', "lease_until" = NULL, "updated_at" = now(),
  "last_error" = 'link retired by migration 0011 (tokens at rest); ask for a new link'
WHERE "payload" ? 'token' AND "status" IN ('pending', 'sending', 'deferred');
--> statement-breakpoint
UPDATE "outbox" SET "done_at" = now(),
  "last_error" = 'link retired by migration 0011 (tokens at rest); ask for a new link'
WHERE "payload" ? 'token' AND "done_at" IS NULL;
--> statement-breakpoint
UPDATE "outbox" SET "payload" = "payload" - 'token' WHERE "payload" ? 'token';
--> statement-breakpoint
UPDATE "deliveries" SET "payload" = "payload" - 'token' WHERE "payload" ? 'token';
--> statement-breakpoint
UPDATE "notifications" SET "payload" = "payload" - 'token' WHERE "payload" ? 'token';
--> statement-breakpoint
-- Inbox rows kept as text (migration 0007) may hold a rendered link with its token.
UPDATE "notifications" SET "link" = NULL WHERE "link" LIKE '%token=%';
--> statement-breakpoint
UPDATE "notifications" SET "body" = regexp_replace("body", '\S*token=\S*', '[link removed]', 'g')
WHERE "body" LIKE '%token=%';
--> statement-breakpoint
-- Every token issued before is a random one whose clear text was stored: none may work again.
UPDATE "email_tokens" SET "used_at" = now() WHERE "used_at" IS NULL;
--> statement-breakpoint
UPDATE "invitations" SET "expires_at" = least("expires_at", now()) WHERE "accepted_at" IS NULL;
