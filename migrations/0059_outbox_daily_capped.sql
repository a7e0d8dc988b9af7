-- Whether a row was ever due again for a daily cap (Twilio 63038, re-sent
-- some 30 to 60 minutes on while under a day old): retention keeps such a
-- sent SMS's text and address for 24 hours, any other's for 4. Until now
-- that rule was keyed on sends > 1, which also held for 20 hours more the
-- addresses of rows re-sent after an "undelivered". Rows of before that
-- the old rule kept so long (sends > 1), or waiting on a daily cap's
-- re-send, are marked: one re-sent under the old rule keeps its text until
-- its re-send is due, at the cost of one day's longer keeping for those
-- retried for another reason.
ALTER TABLE outbox ADD COLUMN daily_capped INTEGER NOT NULL DEFAULT 0;
UPDATE outbox SET daily_capped = 1 WHERE channel = 'sms' AND state IN ('pending', 'sent') AND (sends > 1 OR error LIKE 'limited:%');
