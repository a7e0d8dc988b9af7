-- A check-in started over Signal with the member's number showing carries
-- the reporter index that number has over SMS, as her report would
-- (0027), and its reference keeps it (it outlives the check-in): BLOCK of
-- the reference then silences the number on both channels, as BLOCK of her
-- report does. Both go with her member row (DELETE) and the reference.
ALTER TABLE checkins ADD COLUMN phone_reporter_bidx BLOB;
ALTER TABLE checkin_refs ADD COLUMN phone_reporter_bidx BLOB;
