-- rotate-key (issue 14): the version of the master key the data is sealed
-- under, and the state of a rotation, so an interrupted one resumes.

-- The version of the current master key: 1 for the line's first key, one
-- more at each rotation. New ciphertexts carry it (key_version columns).
ALTER TABLE key_check ADD COLUMN key_version INTEGER NOT NULL DEFAULT 1;

-- A rotation under way (at most one). It moves through the steps in order;
-- within a step, rows up to `cursor` (a row id) are done. `new_check` is the
-- key check of the new key, so a resumed run proves it has the same new key.
-- While this row exists the server refuses to start.
CREATE TABLE key_rotation (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  to_version  INTEGER NOT NULL,
  new_check   BLOB    NOT NULL,
  step        TEXT    NOT NULL,
  cursor      INTEGER NOT NULL,
  started_at  INTEGER NOT NULL
);

-- Old blind index → new, for indexes that other tables hold of a member
-- (reporter links, blocks, rate limits, Signal links): filled as members are
-- re-keyed, applied in one transaction at the end, then emptied.
CREATE TABLE key_rotation_map (
  purpose TEXT NOT NULL,
  old     BLOB NOT NULL,
  new     BLOB NOT NULL,
  PRIMARY KEY (purpose, old)
) WITHOUT ROWID;
