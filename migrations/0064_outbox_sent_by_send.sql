-- Retention forgets a sent SMS's text and address once no status report
-- can still need them, counted from the send (updated_at, which a sent row
-- holds from its send until a report moves it on), not from its queueing:
-- an SMS queued in an outage and sent 5 hours later lost both at the next
-- run, and a daily cap's 63038 reported then could not send it again. The
-- two partial indexes it reads them through are keyed on that time now.
DROP INDEX outbox_sent_addressed;
CREATE INDEX outbox_sent_addressed ON outbox (updated_at) WHERE state = 'sent' AND address_ct IS NOT NULL;
DROP INDEX outbox_sent_texts;
CREATE INDEX outbox_sent_texts ON outbox (updated_at) WHERE state = 'sent' AND body_ct IS NOT NULL;
