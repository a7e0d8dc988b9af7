-- Two members who named the same buddy no longer share a value on disk.
-- Before, each link (buddies.buddy_bidx) and each decline
-- (buddy_declines.buddy_bidx) was kept under an index of the number alone,
-- equal across members: a copy of the file without the key showed which
-- member rows asked the same person. Now each is indexed by its member and
-- the number (store/buddy-indexes.ts), and the number's own index keys one
-- row here: the ids of the links and declines that name it, with the number,
-- in one value sealed and padded (store/buddy-numbers.ts), so her own
-- ACCEPT, DECLINE, STOP or DELETE finds them in one read whatever the
-- membership. Rows kept before are listed in buddy_numbers_mend: indexing
-- them needs the key, so the server does it as it starts, emptying the list.
CREATE TABLE buddy_numbers (
  id          INTEGER PRIMARY KEY,
  buddy_bidx  BLOB    NOT NULL UNIQUE,
  record_ct   BLOB    NOT NULL,
  key_version INTEGER NOT NULL
);
CREATE TABLE buddy_numbers_mend (
  kind   TEXT    NOT NULL CHECK (kind IN ('link', 'decline')),
  row_id INTEGER NOT NULL,
  PRIMARY KEY (kind, row_id)
);
INSERT INTO buddy_numbers_mend (kind, row_id) SELECT 'link', id FROM buddies;
INSERT INTO buddy_numbers_mend (kind, row_id) SELECT 'decline', id FROM buddy_declines;
-- The indexes on buddy_bidx (0014, 0021, 0048) stay: they index the new
-- per-member values, and buddies_stopped still answers whether anyone
-- stopped at all (anyBuddyStop).
