-- /metrics reads how long the oldest message waiting on each channel has
-- waited (headsup_outbox_oldest_due_seconds): in order of queueing, the
-- first due or already tried is the answer, found after the few rows queued
-- for later (reminders) instead of reading a fan-out's whole backlog.
CREATE INDEX outbox_pending_age ON outbox (channel, created_at) WHERE state = 'pending';
