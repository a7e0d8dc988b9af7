-- The status poller (outbox/status-poller.ts) looks for SMS still waiting for
-- their final status six times a minute: through the index of every finished
-- row it read all of the last 4 hours' (36 ms with 100k rows). This one holds
-- only sent SMS that keep Twilio's id, by send time.
CREATE INDEX outbox_sms_unreported ON outbox (updated_at) WHERE state = 'sent' AND channel = 'sms' AND provider_id IS NOT NULL;
