-- A Signal message's provider id is its sender's UUID and a time, so its
-- record here is findable from her UUID (with the key): it carries her
-- sender index, and her DELETE erases it by that. SMS records carry none
-- (Twilio's ids are random; kept, they stop replays of captured webhooks).
-- No index: DELETE is rare and scans the retention period's rows once, while
-- an index would cost a random page write on every message (see 0003).
ALTER TABLE inbound_seen ADD COLUMN sender_bidx BLOB;
