-- A build of the twenty-sixth session made line_settings as migration 0057
-- (with no 0055 or 0056); the migrations were then renumbered, line_settings
-- to 0056. A database that build migrated holds schema 57: this number keeps
-- it one this version knows (0055 and 0056 then run on it, 0056 finding the
-- table there). On any other database the table is there already.
CREATE TABLE IF NOT EXISTS line_settings (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
