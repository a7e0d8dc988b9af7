-- Sends the provider took (its answer an id, or a report of the try), the
-- count an unreachable handset's redeliveries are held to (three sends in
-- all). Tries of an outage (5xx, time-outs) reached no handset and no longer
-- use them up. Rows of before: what was taken is not known; one sent, or
-- reported undelivered and waiting (or in flight) for its next send, took
-- at least one. A lower bound: at worst one more send to a phone that was
-- off, never an alert lost.
ALTER TABLE outbox ADD COLUMN sends INTEGER NOT NULL DEFAULT 0;
UPDATE outbox SET sends = 1 WHERE state = 'sent' OR (state = 'pending' AND error LIKE 'unreachable:%');
