-- When the provider took a message (to the quarter hour: every zone's offset
-- is a whole number of quarter hours, so its day where the line is stays
-- right), kept past the status reports that move updated_at on: a
-- retraction's correction names the day her copy was sent, not the day the
-- alert was approved (approved at 23:50, sent at 00:20, it named the day
-- before). Rows of before: one sent and not reported on since holds its
-- send time in updated_at, one delivered the time it reached her phone; any
-- other is left NULL, and its correction names the alert's day, as before.
ALTER TABLE outbox ADD COLUMN sent_at INTEGER;
UPDATE outbox SET sent_at = updated_at - updated_at % 900000 WHERE state IN ('sent', 'delivered') AND alert_id IS NOT NULL;
