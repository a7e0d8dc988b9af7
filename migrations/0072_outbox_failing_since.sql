-- When a waiting message's tries began to fail (its first failed try since
-- it last went, a 429 aside), a time only: doctor measures a lane's outage
-- from it (doctor-outage.ts). It read the message's queueing once a second
-- try had failed, and a reminder queued 50 minutes before it was due, failing
-- twice within seconds, read as failing for 50 minutes. Rows of before keep
-- NULL, and doctor reads them as it did. (0072: 0071 is another branch's.)
ALTER TABLE outbox ADD COLUMN failing_since INTEGER;
