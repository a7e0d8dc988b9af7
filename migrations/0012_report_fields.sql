-- Reports that make good alerts (issue 11): structured fields, identifiers
-- of every kind for screening and repeat-offender matching, retraction.

-- A guided report's answers, sealed together as one JSON value (with the
-- alert-safe subset the alert template uses); null for a one-message report.
ALTER TABLE reports ADD COLUMN fields_ct BLOB;

-- An alert built from a report's fields is rendered in each member's
-- language from these (sealed); text_ct then holds no text of its own.
ALTER TABLE alerts ADD COLUMN fields_ct BLOB;
-- RETRACT: when the alert was withdrawn, and when every copy sent before or
-- during the withdrawal had its correction or deletion queued.
ALTER TABLE alerts ADD COLUMN retracted_at INTEGER;
ALTER TABLE alerts ADD COLUMN retraction_done_at INTEGER;
CREATE INDEX alerts_retracting ON alerts (id) WHERE retracted_at IS NOT NULL AND retraction_done_at IS NULL;

-- What happened to a sent copy of a retracted alert: 'corrected' (an SMS
-- correction was queued), 'delete' (a Signal remote delete is due),
-- 'deleted', or 'gave_up' after the last try.
ALTER TABLE outbox ADD COLUMN retraction TEXT;
ALTER TABLE outbox ADD COLUMN retraction_tries INTEGER NOT NULL DEFAULT 0;
-- when a failed remote delete is tried again (backoff)
ALTER TABLE outbox ADD COLUMN retraction_due_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX outbox_retraction_due ON outbox (id) WHERE retraction = 'delete';

-- The screening index covers every kind of identifier: each kind has its
-- own blind-index purpose (phone numbers keep 'screen'), the categories of
-- the alert are kept for CHECK's counts, and the normalised value is sealed
-- so rotate-key can recompute the index. Rows written before this migration
-- hold phone numbers and no value (rotate-key recomputes them from the
-- alert's text, as before).
ALTER TABLE screening ADD COLUMN kind TEXT NOT NULL DEFAULT 'phone';
ALTER TABLE screening ADD COLUMN categories TEXT NOT NULL DEFAULT '';
ALTER TABLE screening ADD COLUMN value_ct BLOB;
ALTER TABLE screening ADD COLUMN key_version INTEGER NOT NULL DEFAULT 1;

-- The identifiers a report names, pending or decided, so a moderator's
-- notice can say when a new report names someone earlier reports did.
CREATE TABLE report_identifiers (
  report_id   INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  kind        TEXT    NOT NULL,
  id_bidx     BLOB    NOT NULL,
  value_ct    BLOB    NOT NULL,
  key_version INTEGER NOT NULL,
  PRIMARY KEY (report_id, id_bidx)
) WITHOUT ROWID;
CREATE INDEX report_identifiers_bidx ON report_identifiers (id_bidx);
