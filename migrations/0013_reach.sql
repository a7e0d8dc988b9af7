-- migrate: rebuilds a parent table
-- Reach (issue 12): French and Portuguese replies, and discreet alerts.
--
-- members is rebuilt (SQLite cannot change a CHECK in place): lang is checked
-- for the shape of a language code only (the code knows which languages the
-- line speaks, so adding one needs no migration), and discreet says whether
-- a member's alerts arrive as a neutral notice to be read with READ. Nothing
-- else changes.
CREATE TABLE members_new (
  id           INTEGER PRIMARY KEY,
  channel      TEXT    NOT NULL CHECK (channel IN ('sms', 'signal')),
  address_bidx BLOB    NOT NULL UNIQUE,
  phone_bidx   BLOB,
  address_ct   BLOB,
  key_version  INTEGER NOT NULL,
  lang         TEXT    NOT NULL DEFAULT 'en' CHECK (length(lang) = 2 AND lang GLOB '[a-z][a-z]'),
  status       TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'pending', 'stopped', 'invalid')),
  created_at   INTEGER NOT NULL,
  discreet     INTEGER NOT NULL DEFAULT 0 CHECK (discreet IN (0, 1))
);
INSERT INTO members_new (id, channel, address_bidx, phone_bidx, address_ct, key_version, lang, status, created_at)
  SELECT id, channel, address_bidx, phone_bidx, address_ct, key_version, lang, status, created_at FROM members;
DROP TABLE members;
ALTER TABLE members_new RENAME TO members;
CREATE INDEX members_signal_phone ON members (phone_bidx) WHERE channel = 'signal' AND phone_bidx IS NOT NULL;
CREATE INDEX members_sms_link ON members (phone_bidx) WHERE channel = 'sms' AND phone_bidx IS NOT NULL;
-- Fan-out planning records the alerts of discreet members only: found without a scan of the rest.
CREATE INDEX members_discreet ON members (id) WHERE discreet = 1;

-- The alerts a discreet member was sent as a notice and has not read yet
-- (READ shows them, newest first, and erases the rows it showed). Two ids in
-- clear: the outbox row of the same alert and member links them as long.
-- They go with the member (DELETE) and with the alert (retention).
CREATE TABLE unread_alerts (
  member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  alert_id  INTEGER NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
  PRIMARY KEY (member_id, alert_id)
) WITHOUT ROWID;
CREATE INDEX unread_alerts_alert ON unread_alerts (alert_id);
