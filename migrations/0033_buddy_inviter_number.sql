-- The number a Signal member showed when she asked someone to be her buddy,
-- sealed (NULL otherwise): an invitation held for a number that texted STOP
-- is dropped when it comes back if a moderator BLOCKed her meanwhile, and
-- a block for a report she sent by SMS is on that number, which her Signal
-- membership keeps only as a link index (store/buddies.ts).
ALTER TABLE buddies ADD COLUMN inviter_ct BLOB;
