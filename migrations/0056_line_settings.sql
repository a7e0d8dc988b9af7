-- Settings the stored data was built under, so a start under another
-- configuration can tell and adjust it (parts/start-checks.ts). Public
-- values only: screening_country is the DEFAULT_COUNTRY the CHECK index
-- read national numbers with. Written at the first start that runs this.
-- IF NOT EXISTS: a database one build migrated as 0057_line_settings has it
-- already (0057 says so).
CREATE TABLE IF NOT EXISTS line_settings (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
