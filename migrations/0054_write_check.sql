-- The write check behind /readyz (Db.writable): a row written and erased in
-- one commit, to learn whether the disk takes writes (a full disk still
-- answers reads). It never holds a row once that commit is done.
CREATE TABLE write_check (id INTEGER PRIMARY KEY, pad BLOB NOT NULL);
