-- Received messages whose handling failed (a database error, a bug), sealed,
-- to be tried again with backoff: Signal does not deliver a message twice,
-- so one that fails here would otherwise be lost. Rows leave once handled or
-- after the last attempt. Empty unless something went wrong.
CREATE TABLE inbound_retry (
  id          INTEGER PRIMARY KEY,
  channel     TEXT    NOT NULL,
  item_ct     BLOB    NOT NULL,
  key_version INTEGER NOT NULL,
  attempts    INTEGER NOT NULL,
  due_at      INTEGER NOT NULL,
  created_at  INTEGER NOT NULL
);
CREATE INDEX inbound_retry_due ON inbound_retry (due_at);
