-- A buddy's STOP stops what goes to her over the channel it came from only
-- (an SMS STOP may be spoofed, or sent by the new holder of a recycled
-- number her Signal account still shows): the stop keeps its channel, one
-- row per number and channel. A stop kept before this has none (NULL): it
-- is read as stopping every channel, the safe reading of an old opt-out.
-- SQLite cannot change a UNIQUE constraint in place: the table is rebuilt
-- (nothing references it).
CREATE TABLE buddy_stops_new (
  id          INTEGER PRIMARY KEY,
  buddy_bidx  BLOB    NOT NULL,
  channel     TEXT,
  address_ct  BLOB    NOT NULL,
  key_version INTEGER NOT NULL,
  created_at  INTEGER NOT NULL,
  UNIQUE (buddy_bidx, channel)
);
INSERT INTO buddy_stops_new (id, buddy_bidx, channel, address_ct, key_version, created_at)
  SELECT id, buddy_bidx, NULL, address_ct, key_version, created_at FROM buddy_stops;
DROP TABLE buddy_stops;
ALTER TABLE buddy_stops_new RENAME TO buddy_stops;
