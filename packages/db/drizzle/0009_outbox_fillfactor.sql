-- Every outbox row is updated twice after its insert (dispatched, then done). Free room on its
-- page lets the first update be a HOT update (no new index entries); the second changes done_at,
-- which the pending index's predicate reads, so it never can be.
ALTER TABLE "outbox" SET (fillfactor = 70);
