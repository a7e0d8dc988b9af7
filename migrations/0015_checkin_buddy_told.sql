-- Which buddy an escalation went to, so that a late OK tells only the
-- buddies who heard (not one who accepted after the escalation went out).
-- Rows written before this migration have none: a late OK then tells every
-- accepted buddy, as before. Erased with the check-in, like the row itself.
ALTER TABLE checkin_messages ADD COLUMN buddy_id INTEGER;
