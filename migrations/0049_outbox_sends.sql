-- Sends the provider took (its answer an id, or a report of the try), the
-- count an unreachable handset's redeliveries are held to (three sends in
-- all). Tries of an outage (5xx, time-outs) reached no handset and no longer
-- use them up. Rows of before: what was taken is not known; one sent, or
-- reported undelivered and waiting (or in flight) for its next send, counts
-- its tries less its 429s, as the code of before did, so that no message
-- gets more sends than it would have (an outage's tries among them count:
-- at worst one send fewer to a phone that was off).
ALTER TABLE outbox ADD COLUMN sends INTEGER NOT NULL DEFAULT 0;
UPDATE outbox SET sends = attempts - throttles WHERE state = 'sent' OR (state = 'pending' AND error LIKE 'unreachable:%');
