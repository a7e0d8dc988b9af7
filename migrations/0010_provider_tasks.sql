-- Work to do at the provider after a message is finished (issue 9): redact
-- the body of a sent message that reached a final status, delete a handled
-- inbound message. The provider's message id is sealed (it maps to a number
-- at Twilio) and the row is deleted once the call succeeded or gave up.
CREATE TABLE provider_tasks (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  -- 'redact' (an outbound body) or 'delete' (an inbound message)
  kind        TEXT    NOT NULL,
  sid_ct      BLOB    NOT NULL,
  key_version INTEGER NOT NULL DEFAULT 1,
  attempts    INTEGER NOT NULL DEFAULT 0,
  due_at      INTEGER NOT NULL,
  lease_until INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX provider_tasks_due ON provider_tasks (due_at);
-- Provider ids of finished messages are no longer kept (issue 9, item 8).
UPDATE outbox SET provider_id = NULL WHERE provider_id IS NOT NULL AND state IN ('delivered', 'failed');
