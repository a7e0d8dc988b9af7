-- Stored replies are now sealed padded to one length, under a sender index
-- of the inbound log's own purpose (store/inbound-log.ts): those kept from
-- before were sealed at their own length, under the index the day's limit
-- counts are kept by, which joined a reporter's count to her messages in
-- arrival order. They are cleared (a retry of one is answered with nothing,
-- and acted on once, as after a day). A Signal id's record keeps its old
-- index until it expires: DELETE looks for both.
UPDATE inbound_messages SET reply_ct = NULL, sender_bidx = NULL;

-- A buddy link kept the millisecond of the BUDDY command, which nothing
-- reads: it equalled the invitation's, in the outbox and in Twilio's records
-- of both numbers. Kept to the day, as buddy_stops are (0020).
UPDATE buddies SET created_at = created_at - created_at % 86400000;
