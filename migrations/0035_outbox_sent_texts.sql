-- An SMS sent keeps its text, sealed, only until its final status or until
-- "undelivered" can no longer send it again (4 hours): retention finds those
-- whose final status never came through this index. Texts of messages
-- already finished (kept until retention before this version) go now.
CREATE INDEX outbox_sent_texts ON outbox (created_at) WHERE state = 'sent' AND body_ct IS NOT NULL;
UPDATE outbox SET body_ct = NULL WHERE state IN ('delivered', 'failed') AND body_ct IS NOT NULL;
