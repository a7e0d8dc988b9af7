-- A report sent over Signal with the sender's number showing also carries
-- the reporter index that number has over SMS: BLOCK of it then silences
-- the number on both channels, as the line treats them as one person.
-- DELETE erases it with the report's reporter link.
ALTER TABLE reports ADD COLUMN phone_reporter_bidx BLOB;
CREATE INDEX reports_phone_reporter ON reports (phone_reporter_bidx) WHERE phone_reporter_bidx IS NOT NULL;
