-- 1 on an SMS whose final status the status poller fetched from Twilio
-- (outbox/status-poller.ts): its status callback never came. doctor's
-- warning about lost callbacks counts such a row as one without a callback,
-- never as a callback's delivery: on a line whose status URL is broken,
-- the deliveries the poller recovers would otherwise hide that warning.
-- (0066: 0063 and 0065 are other branches'.)
ALTER TABLE outbox ADD COLUMN polled INTEGER NOT NULL DEFAULT 0;
