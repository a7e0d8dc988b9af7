-- Check-ins (issue 13): safety buddies, check-in timers, and the outbox rows
-- a check-in wrote (so that its details are erased with it).

-- A member's safety buddy. The buddy need not be a member: their number is
-- sealed here (address_ct, with the channel they are reached on) and found
-- by a blind index of the number (purpose 'buddy'), so their ACCEPT, DECLINE
-- or STOP finds every invitation to them. name_ct is the name the member
-- gave, the one the buddy knows them by. invited: waiting for ACCEPT;
-- accepted: told when a check-in is missed; stopped: the buddy sent STOP
-- (kept so that no one can invite them again).
CREATE TABLE buddies (
  id          INTEGER PRIMARY KEY,
  member_id   INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  buddy_bidx  BLOB    NOT NULL,
  channel     TEXT    NOT NULL CHECK (channel IN ('sms', 'signal')),
  address_ct  BLOB    NOT NULL,
  name_ct     BLOB    NOT NULL,
  key_version INTEGER NOT NULL,
  lang        TEXT    NOT NULL DEFAULT 'en',
  status      TEXT    NOT NULL CHECK (status IN ('invited', 'accepted', 'stopped')),
  created_at  INTEGER NOT NULL,
  UNIQUE (member_id, buddy_bidx)
);
CREATE INDEX buddies_bidx ON buddies (buddy_bidx);

-- A check-in: a timer row, not a timer in memory. open: running (remind_at
-- is cleared once the reminder is queued); escalated: the deadline passed
-- and the buddies (or moderators) were told, in the same transaction that
-- set this state. The details are sealed and erased on OK, and a day after
-- an escalation.
CREATE TABLE checkins (
  id           INTEGER PRIMARY KEY,
  member_id    INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  state        TEXT    NOT NULL CHECK (state IN ('open', 'escalated')),
  due_at       INTEGER NOT NULL,
  remind_at    INTEGER,
  details_ct   BLOB,
  key_version  INTEGER NOT NULL,
  escalated_at INTEGER,
  created_at   INTEGER NOT NULL
);
CREATE UNIQUE INDEX checkins_open ON checkins (member_id) WHERE state = 'open';
CREATE INDEX checkins_due ON checkins (due_at) WHERE state = 'open';
CREATE INDEX checkins_remind ON checkins (remind_at) WHERE remind_at IS NOT NULL;
CREATE INDEX checkins_escalated ON checkins (escalated_at) WHERE state = 'escalated';

-- The outbox rows a check-in queued (reminder, escalations, notices): erased
-- with the check-in's details.
-- kind: reminder (to the member), escalation (to a buddy or a moderator),
-- notice (to the member: who was told).
CREATE TABLE checkin_messages (
  outbox_id  INTEGER PRIMARY KEY REFERENCES outbox (id) ON DELETE CASCADE,
  checkin_id INTEGER NOT NULL REFERENCES checkins (id) ON DELETE CASCADE,
  kind       TEXT    NOT NULL CHECK (kind IN ('reminder', 'escalation', 'notice'))
);
CREATE INDEX checkin_messages_checkin ON checkin_messages (checkin_id);

-- The messages about a buddy link (the invitation, a removal, a late OK):
-- they carry the name the member gave, so they go with the member's DELETE.
CREATE TABLE buddy_messages (
  outbox_id INTEGER PRIMARY KEY REFERENCES outbox (id) ON DELETE CASCADE,
  member_id INTEGER NOT NULL
);
CREATE INDEX buddy_messages_member ON buddy_messages (member_id);
