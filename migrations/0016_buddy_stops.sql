-- A number that told the line to stop as a buddy (STOP, or a stop phrase),
-- kept apart from the buddy links: a member's BUDDY OFF or DELETE erases
-- those, and the stop went with them, so the member could ask again (and,
-- after DELETE, with a fresh daily limit) someone who had said stop. Lifted
-- when that number comes back (JOIN, START) or erases itself (DELETE). The
-- number is sealed so that rotate-key can recompute its index. Stops
-- recorded before this table stay as stopped buddy rows.
CREATE TABLE buddy_stops (
  id          INTEGER PRIMARY KEY,
  buddy_bidx  BLOB    NOT NULL UNIQUE,
  address_ct  BLOB    NOT NULL,
  key_version INTEGER NOT NULL,
  created_at  INTEGER NOT NULL
);
