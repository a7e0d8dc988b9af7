-- An admin command's erase whose WAL truncation a reader held back (a
-- backup's snapshot past the busy timeout) is left here for the running
-- server, whose connection keeps the WAL, to finish: the command's own
-- memory of it ends with its process. One row, no data.
CREATE TABLE erase_pending (
  id INTEGER PRIMARY KEY CHECK (id = 1)
);
