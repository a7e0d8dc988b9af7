-- A moderator's own ALERT has no report, and so had no reference RETRACT
-- could name: a mistaken one could not be withdrawn. It gets a reference of
-- its own, drawn from the same space as reports' and join requests'.
ALTER TABLE alerts ADD COLUMN ref TEXT;
CREATE UNIQUE INDEX alerts_ref ON alerts (ref) WHERE ref IS NOT NULL;
