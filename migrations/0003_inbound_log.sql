-- Handled provider messages become an append-only log: rows in arrival
-- order (rowid) and no index on the provider id. The server keeps the recent
-- ids in memory (store/inbound-log.ts), loaded from here at start-up. A
-- primary key on a random id cost a random page write on every webhook that
-- changed something: a third of a JOIN.
CREATE TABLE inbound_messages_log (
  id            INTEGER PRIMARY KEY,
  provider_bidx BLOB    NOT NULL,
  reply_ct      BLOB,
  key_version   INTEGER NOT NULL,
  created_at    INTEGER NOT NULL
);
INSERT INTO inbound_messages_log (provider_bidx, reply_ct, key_version, created_at)
  SELECT provider_bidx, reply_ct, key_version, created_at FROM inbound_messages ORDER BY created_at;
DROP TABLE inbound_messages;
ALTER TABLE inbound_messages_log RENAME TO inbound_messages;
