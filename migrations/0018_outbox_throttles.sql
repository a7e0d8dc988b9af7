-- A provider's "too many requests" (429, a full sender queue) says "later",
-- not "no". Those answers are counted apart from a message's tries, so that
-- a throttling storm does not use up the tries a real failure gets: a row
-- whose tries had grown under throttling gave up at its next server error,
-- and its handset-unreachable report was no longer retried.
ALTER TABLE outbox ADD COLUMN throttles INTEGER NOT NULL DEFAULT 0;
