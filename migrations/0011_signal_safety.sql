-- Signal safety (issue 15).

-- Each Signal moderator's identity (the fingerprint of their identity key as
-- signal-cli lists it), recorded the first time it is seen. A moderator whose
-- identity changed is not trusted for moderator commands until an operator,
-- having checked in person, re-admits them (heads-up signal-readmit). Found by
-- a blind index of the UUID; the UUID is sealed too, so that rotate-key can
-- recompute the index.
CREATE TABLE moderator_identities (
  id             INTEGER PRIMARY KEY,
  moderator_bidx BLOB    NOT NULL UNIQUE,
  moderator_ct   BLOB    NOT NULL,
  identity_ct    BLOB    NOT NULL,
  key_version    INTEGER NOT NULL,
  -- trusted, or changed (not trusted until re-admitted)
  state          TEXT    NOT NULL CHECK (state IN ('trusted', 'changed')),
  seen_at        INTEGER NOT NULL,
  changed_at     INTEGER
);

-- The rate-limit challenge Signal demands, at most one at a time: its token
-- (a random value of Signal's, naming no one) for heads-up signal-captcha;
-- when SMS moderators were told; when the captcha was submitted, and when the
-- running server resumed Signal sends after it. Erased once Signal accepts
-- messages again.
CREATE TABLE signal_challenge (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  token        TEXT    NOT NULL,
  seen_at      INTEGER NOT NULL,
  told_at      INTEGER NOT NULL DEFAULT 0,
  submitted_at INTEGER,
  resumed_at   INTEGER
);
