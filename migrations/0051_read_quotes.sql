-- Which alerts a READ message quotes, one row per alert, so that RETRACT
-- can take a withdrawn alert out of a READ message still waiting to be sent
-- (the second message, due two seconds after the first; over Signal the
-- first too) rather than let it go with the withdrawn text. `older` is the
-- "+N older" count the message ends with (0: none), the same on each of its
-- rows, for the message written again without the alert. Two ids, as the
-- alert's own outbox row for her already holds; gone with the message
-- (retention, DELETE), with the alert, and once the message can no longer
-- be sent again (below).
CREATE TABLE read_quotes (
  outbox_id INTEGER NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
  alert_id  INTEGER NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
  older     INTEGER NOT NULL,
  PRIMARY KEY (outbox_id, alert_id)
) WITHOUT ROWID;
CREATE INDEX read_quotes_alert ON read_quotes (alert_id);
-- A message delivered, failed for good, or sent over Signal (nothing puts
-- one back in line: only Twilio's "undelivered" does, to an SMS sent) is
-- never written again: what it quoted goes, so that RETRACT's follow-up,
-- every 5 s, reads only messages that may still go, not every READ since
-- the alert went.
CREATE TRIGGER read_quotes_settled AFTER UPDATE OF state ON outbox
  WHEN NEW.state IN ('delivered', 'failed') OR (NEW.state = 'sent' AND NEW.channel = 'signal')
BEGIN
  DELETE FROM read_quotes WHERE outbox_id = NEW.id;
END;
