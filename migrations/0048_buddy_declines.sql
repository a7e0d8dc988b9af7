-- A number that DECLINEd a member's invitation (issue 13), so that she
-- cannot ask it again at once: BUDDY must not become a way to keep texting
-- someone who said no. One row per membership, number and channel (a
-- DECLINE acts over the channel it came by). The number is found by its
-- blind index of its own purpose ('declined', not the links' and stops'
-- 'buddy': a seized file must not join the number that refused one member to
-- another member's buddy) and sealed beside it so that rotate-key can
-- recompute the index. Kept to the day, like a buddy's stop; erased with the
-- membership (her DELETE), by the number's own DELETE over that channel, and
-- by retention after 30 days (sooner under a shorter RETENTION_DAYS).
CREATE TABLE buddy_declines (
  id          INTEGER PRIMARY KEY,
  member_id   INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  buddy_bidx  BLOB    NOT NULL,
  channel     TEXT    NOT NULL CHECK (channel IN ('sms', 'signal')),
  address_ct  BLOB    NOT NULL,
  key_version INTEGER NOT NULL,
  created_at  INTEGER NOT NULL,
  UNIQUE (member_id, buddy_bidx, channel)
);
CREATE INDEX buddy_declines_bidx ON buddy_declines (buddy_bidx);
CREATE INDEX buddy_declines_created ON buddy_declines (created_at);
