-- Issue 9, data half: replay protection for as long as RETENTION_DAYS,
-- erasure of everything keyed to a sender, a key check, flood-bounded
-- moderator notices, and a Signal-to-SMS link of its own purpose.

-- A value derived from the master key (a blind index of a fixed string),
-- stored at first start: a server started with another key finds a
-- different value and refuses to start (store/key-check.ts).
CREATE TABLE key_check (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  value BLOB    NOT NULL
);

-- Provider ids acted on more than a day ago: only the blind index and the
-- day, kept for RETENTION_DAYS so a captured webhook can never be replayed.
-- Written in batches (by retention, and when the in-memory record of recent
-- ids overflows), never once per webhook.
CREATE TABLE inbound_seen (
  provider_bidx BLOB    PRIMARY KEY,
  day           INTEGER NOT NULL
) WITHOUT ROWID;

-- The stored replies of the last day are erased with their sender on DELETE:
-- found by the sender's rate-limit index (the purpose sender_limits uses).
-- No index: DELETE is rare and scans at most a day of rows, while an index
-- would cost a random page write on every webhook (see 0003).
ALTER TABLE inbound_messages ADD COLUMN sender_bidx BLOB;

-- Parked Signal messages are erased with their sender on DELETE.
ALTER TABLE inbound_retry ADD COLUMN sender_bidx BLOB;
CREATE INDEX inbound_retry_sender ON inbound_retry (sender_bidx) WHERE sender_bidx IS NOT NULL;

-- Moderator notices that quote a report, erased once the report is decided
-- or edited (the outbox row goes, and this link with it).
CREATE TABLE report_notices (
  outbox_id INTEGER PRIMARY KEY REFERENCES outbox (id) ON DELETE CASCADE,
  report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE
);
CREATE INDEX report_notices_report ON report_notices (report_id);

-- Moderator notices sent in the current period (bot/notify.ts): past the cap,
-- reports and join requests are counted into one digest per moderator.
CREATE TABLE notice_period (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  period_start INTEGER NOT NULL,
  sent         INTEGER NOT NULL,
  held_reports INTEGER NOT NULL,
  held_joins   INTEGER NOT NULL
);
CREATE TABLE notice_digests (
  outbox_id    INTEGER PRIMARY KEY REFERENCES outbox (id) ON DELETE CASCADE,
  member_id    INTEGER NOT NULL,
  period_start INTEGER NOT NULL
);

-- The Signal-to-SMS link: members.phone_bidx now holds an index of its own
-- purpose ('link'), on the Signal row that shows a number and on the SMS row
-- of that number, instead of the Signal row holding the SMS row's lookup
-- index. Old links cannot be recomputed here (the key is not in the
-- database): each linked pair gets a random shared value, and an unpaired
-- Signal row loses its link until its member writes again.
CREATE TEMP TABLE relink AS
  SELECT m.id AS sig,
         (SELECT s.id FROM members s WHERE s.address_bidx = m.phone_bidx AND s.channel = 'sms') AS sms,
         randomblob(16) AS link
  FROM members m WHERE m.channel = 'signal' AND m.phone_bidx IS NOT NULL;
UPDATE members SET phone_bidx = NULL WHERE channel = 'signal' AND id IN (SELECT sig FROM temp.relink WHERE sms IS NULL);
UPDATE members SET phone_bidx = (SELECT link FROM temp.relink WHERE sig = members.id)
  WHERE id IN (SELECT sig FROM temp.relink WHERE sms IS NOT NULL);
UPDATE members SET phone_bidx = (SELECT link FROM temp.relink WHERE sms = members.id LIMIT 1)
  WHERE channel = 'sms' AND id IN (SELECT sms FROM temp.relink WHERE sms IS NOT NULL);
DROP TABLE temp.relink;
CREATE INDEX members_sms_link ON members (phone_bidx) WHERE channel = 'sms' AND phone_bidx IS NOT NULL;
