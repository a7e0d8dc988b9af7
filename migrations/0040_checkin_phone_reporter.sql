-- A check-in started over Signal with the member's number showing carries
-- the reporter index that number has over SMS, as her report would
-- (0027), and its reference keeps it (it outlives the check-in): BLOCK of
-- the reference then silences the number on both channels, as BLOCK of her
-- report does. Both go with her member row (DELETE) and the reference.
ALTER TABLE checkins ADD COLUMN phone_reporter_bidx BLOB;
ALTER TABLE checkin_refs ADD COLUMN phone_reporter_bidx BLOB;

-- Whether the reference's notice came past the sender's day of full ones
-- (counted under her limit key, which DELETE keeps: see sender_limits), so
-- that the same check-in told again (to a moderator listed since) reads
-- the same.
ALTER TABLE checkin_refs ADD COLUMN folded INTEGER NOT NULL DEFAULT 0;
