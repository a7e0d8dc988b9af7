-- The outbox in lanes: each channel claims its own due rows, high priority
-- (replies, notices, admissions) before bulk alerts, through one partial
-- index, so a paused channel's backlog is never scanned by another.
-- A row may be addressed to a sealed address instead of a member (a Signal
-- reply to someone who is not, or no longer, a member); that address is
-- erased once the row is finished.
-- AUTOINCREMENT: an id is never reused, so the outcome of a send in flight
-- can never land on a row written after its own was deleted (a DELETE).
CREATE TABLE outbox_new (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  member_id   INTEGER REFERENCES members (id) ON DELETE CASCADE,
  alert_id    INTEGER REFERENCES alerts (id) ON DELETE CASCADE,
  -- the lane: the recipient's channel, copied when the row is written
  channel     TEXT,
  -- 0: replies, notices, admissions (first); 1: alerts (bulk)
  priority    INTEGER NOT NULL DEFAULT 1,
  -- sealed recipient of a row without a member
  address_ct  BLOB,
  body_ct     BLOB,
  key_version INTEGER NOT NULL DEFAULT 1,
  -- pending, sent, delivered or failed; written only by store/outbox.ts and
  -- store/alerts.ts. No CHECK here: it is evaluated for each of the millions
  -- of rows a fan-out plans.
  state       TEXT    NOT NULL DEFAULT 'pending',
  attempts    INTEGER NOT NULL DEFAULT 0,
  due_at      INTEGER NOT NULL,
  lease_until INTEGER NOT NULL DEFAULT 0,
  provider_id TEXT,
  error       TEXT,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  UNIQUE (alert_id, member_id)
);
INSERT INTO outbox_new (id, member_id, alert_id, channel, priority, body_ct, key_version, state, attempts, due_at, lease_until, provider_id, error, created_at, updated_at)
  SELECT o.id, o.member_id, o.alert_id, m.channel, CASE WHEN o.alert_id IS NULL THEN 0 ELSE 1 END, o.body_ct, o.key_version, o.state,
         o.attempts, o.due_at, o.lease_until, o.provider_id, o.error, o.created_at, o.updated_at
  FROM outbox o JOIN members m ON m.id = o.member_id;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_lane ON outbox (channel, priority, due_at) WHERE state = 'pending';
CREATE INDEX outbox_provider ON outbox (provider_id) WHERE provider_id IS NOT NULL;
CREATE INDEX outbox_member ON outbox (member_id);
CREATE INDEX outbox_updated ON outbox (updated_at) WHERE state <> 'pending';
-- A safety net: a row written without its lane (an insert that does not
-- name the channel) gets its member's, so it is never stranded unclaimed.
CREATE TRIGGER outbox_lane_default AFTER INSERT ON outbox WHEN NEW.channel IS NULL AND NEW.member_id IS NOT NULL
BEGIN
  UPDATE outbox SET channel = (SELECT channel FROM members WHERE id = NEW.member_id) WHERE id = NEW.id;
END;
