-- Join notices count against a cap of their own (bot/notify.ts): a number
-- that joins and leaves over and over must never hold back a report's notice.
ALTER TABLE notice_period ADD COLUMN sent_joins INTEGER NOT NULL DEFAULT 0;

-- Which queued moderator notices announce which join request: one still
-- waiting is withdrawn when the applicant closes it (STOP, DELETE).
CREATE TABLE join_notices (
  outbox_id  INTEGER PRIMARY KEY REFERENCES outbox (id) ON DELETE CASCADE,
  request_id INTEGER NOT NULL REFERENCES member_requests (id) ON DELETE CASCADE
);
CREATE INDEX join_notices_request ON join_notices (request_id);
