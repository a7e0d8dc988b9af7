-- Heads Up schema. Identifiers are stored only as sealed ciphertext (*_ct,
-- opened with the key version in key_version) and keyed blind indexes
-- (*_bidx). Times are milliseconds since the epoch.

-- One row per person per channel. A member may have no subscription (they
-- chose a language, or only reported).
CREATE TABLE members (
  id           INTEGER PRIMARY KEY,
  channel      TEXT    NOT NULL CHECK (channel IN ('sms', 'signal')),
  address_bidx BLOB    NOT NULL UNIQUE,
  -- for a Signal member who shows their number: the address_bidx an SMS
  -- membership of that number has, linking the two (see store/alerts.ts)
  phone_bidx   BLOB,
  address_ct   BLOB,
  key_version  INTEGER NOT NULL,
  lang         TEXT    NOT NULL DEFAULT 'en' CHECK (lang IN ('en', 'es')),
  -- active: receives alerts; pending: awaiting a moderator (SUBSCRIBE_MODE=approval);
  -- stopped: opted out at the carrier; invalid: the address cannot receive
  status       TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'pending', 'stopped', 'invalid')),
  created_at   INTEGER NOT NULL
);

CREATE TABLE subscriptions (
  member_id  INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  npa        TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (member_id, npa)
) WITHOUT ROWID;
CREATE INDEX subscriptions_npa ON subscriptions (npa, member_id);

-- Provider message ids already acted on, with the reply given, so a retried
-- webhook is answered again but acted on once.
CREATE TABLE inbound_messages (
  provider_bidx BLOB    PRIMARY KEY,
  reply_ct      BLOB,
  key_version   INTEGER NOT NULL,
  created_at    INTEGER NOT NULL
) WITHOUT ROWID;
-- No index on created_at: every webhook inserts here, and the hourly
-- retention scan of a day's rows is cheaper than an index write per message.

-- Fixed-window counters per sender and kind (messages, reports, checks, hints).
-- Keyed by an index of another purpose than members', so they cannot be joined.
CREATE TABLE sender_limits (
  sender_bidx  BLOB    NOT NULL,
  kind         TEXT    NOT NULL,
  window_start INTEGER NOT NULL,
  count        INTEGER NOT NULL,
  PRIMARY KEY (sender_bidx, kind)
) WITHOUT ROWID;

-- Senders silenced by BLOCK, by reporter index.
CREATE TABLE blocked_senders (
  reporter_bidx BLOB    PRIMARY KEY,
  created_at    INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE reports (
  id            INTEGER PRIMARY KEY,
  ref           TEXT    NOT NULL UNIQUE,
  status        TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  npas          TEXT    NOT NULL,
  text_ct       BLOB,
  key_version   INTEGER NOT NULL,
  -- the only link to the reporter: usable by BLOCK, erased by DELETE
  reporter_bidx BLOB,
  created_at    INTEGER NOT NULL,
  decided_at    INTEGER
);
CREATE INDEX reports_status ON reports (status, created_at);
CREATE INDEX reports_reporter ON reports (reporter_bidx) WHERE reporter_bidx IS NOT NULL;
CREATE INDEX reports_created ON reports (created_at);

CREATE TABLE alerts (
  id          INTEGER PRIMARY KEY,
  report_id   INTEGER REFERENCES reports (id) ON DELETE SET NULL,
  -- the areas the alert names, and those it reaches (overlays included)
  npas        TEXT    NOT NULL,
  reach       TEXT    NOT NULL,
  text_ct     BLOB,
  key_version INTEGER NOT NULL,
  -- fan-out planning walks members by id in ranges; it resumes here after a crash
  plan_cursor INTEGER NOT NULL DEFAULT 0,
  plan_until  INTEGER NOT NULL DEFAULT 0,
  planned_at  INTEGER,
  created_at  INTEGER NOT NULL
);
CREATE INDEX alerts_unplanned ON alerts (id) WHERE planned_at IS NULL;
CREATE INDEX alerts_created ON alerts (created_at);

-- Phone numbers named in approved alerts, for CHECK.
CREATE TABLE screening (
  number_bidx BLOB    NOT NULL,
  alert_id    INTEGER NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
  npas        TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (number_bidx, alert_id)
) WITHOUT ROWID;
CREATE INDEX screening_alert ON screening (alert_id);

-- The durable outbox: one row per message to send. Alert rows share the
-- alert's sealed text; other rows (notices) carry their own.
CREATE TABLE outbox (
  id          INTEGER PRIMARY KEY,
  member_id   INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  alert_id    INTEGER REFERENCES alerts (id) ON DELETE CASCADE,
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
CREATE INDEX outbox_due ON outbox (due_at) WHERE state = 'pending';
CREATE INDEX outbox_provider ON outbox (provider_id) WHERE provider_id IS NOT NULL;
CREATE INDEX outbox_member ON outbox (member_id);
CREATE INDEX outbox_updated ON outbox (updated_at) WHERE state <> 'pending';

-- Join requests awaiting a moderator when SUBSCRIBE_MODE=approval. The areas
-- wait here; subscriptions are written once a moderator admits the member.
CREATE TABLE member_requests (
  id         INTEGER PRIMARY KEY,
  ref        TEXT    NOT NULL UNIQUE,
  member_id  INTEGER NOT NULL UNIQUE REFERENCES members (id) ON DELETE CASCADE,
  npas       TEXT    NOT NULL,
  created_at INTEGER NOT NULL
);
