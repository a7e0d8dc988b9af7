-- A block was kept only as a blind index of the sender, which rotate-key
-- cannot recompute: it erased every block of a sender who is not a member.
-- The identity the index is of (the canonical "channel:address" string) is
-- now sealed beside it, as screening values are, so that rotate-key can
-- recompute the index: written when BLOCK knows who it silences (an
-- applicant, a check-in's sender), else when the blocked sender next writes.
-- Rows from before keep no value, and rotate-key erases them as it did.
ALTER TABLE blocked_senders ADD COLUMN value_ct BLOB;
ALTER TABLE blocked_senders ADD COLUMN key_version INTEGER;
