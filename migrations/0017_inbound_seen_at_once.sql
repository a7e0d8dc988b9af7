-- Issue 10: the record of handled provider ids without the in-memory copy.
-- Every handled id is written to inbound_seen (its blind index and day) in
-- the transaction that acts on it, and found there, one keyed look-up per
-- message (which the replay check already made). log_id names the row of
-- inbound_messages that holds the reply while it is kept (20 hours); the log
-- stays append-only, so DELETE erases a sender's replies by scanning a day.
ALTER TABLE inbound_seen ADD COLUMN log_id INTEGER;

-- Ids the previous version held in memory only (handled in the last day).
INSERT INTO inbound_seen (provider_bidx, day, log_id)
  SELECT provider_bidx, created_at / 86400000, id FROM inbound_messages WHERE true
  ON CONFLICT (provider_bidx) DO UPDATE SET log_id = excluded.log_id;
