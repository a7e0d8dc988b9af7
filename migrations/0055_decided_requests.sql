-- References of join requests a moderator decided (APPROVE, REJECT, BLOCK),
-- kept a week so another moderator's later decision of one is answered
-- "already decided" rather than "no pending item". A reference is random:
-- it names no one, and the request's row is gone.
CREATE TABLE decided_requests (
  ref        TEXT    PRIMARY KEY,
  decided_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX decided_requests_at ON decided_requests (decided_at);
