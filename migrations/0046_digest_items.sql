-- What each period's moderator digest counted (bot/notify.ts): the reports
-- and join requests held past the notice cap. Its digests still waiting are
-- dropped once every one of them is decided or closed, not only once nothing
-- at all waits (a report notified one by one may still wait: the digest
-- would tell of reports already decided). A closed request takes its row
-- with it; a decided report's row goes with its period's digests.
CREATE TABLE digest_items (
  period_start INTEGER NOT NULL,
  report_id    INTEGER REFERENCES reports (id) ON DELETE CASCADE,
  request_id   INTEGER REFERENCES member_requests (id) ON DELETE CASCADE,
  CHECK ((report_id IS NULL) <> (request_id IS NULL))
);
CREATE INDEX digest_items_period ON digest_items (period_start);
CREATE INDEX digest_items_report ON digest_items (report_id) WHERE report_id IS NOT NULL;
CREATE INDEX digest_items_request ON digest_items (request_id) WHERE request_id IS NOT NULL;

-- A digest queued before this counted what waited then: it keeps the old
-- rule (dropped once nothing waits) by counting everything still waiting.
INSERT INTO digest_items (period_start, report_id)
  SELECT d.period_start, r.id FROM (SELECT DISTINCT period_start FROM notice_digests) d, reports r WHERE r.status = 'pending';
INSERT INTO digest_items (period_start, request_id)
  SELECT d.period_start, q.id FROM (SELECT DISTINCT period_start FROM notice_digests) d, member_requests q;
