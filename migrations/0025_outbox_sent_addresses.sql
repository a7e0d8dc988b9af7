-- An SMS sent straight to an address (a buddy's escalation, a reply to a
-- non-member) keeps that address, sealed, until its final status, so that
-- "undelivered" can send it again. DELETE, BUDDY OFF and DECLINE find such
-- rows through this index, and retention clears the addresses once no retry
-- can come (a line whose status callbacks never arrive).
CREATE INDEX outbox_sent_addressed ON outbox (created_at) WHERE state = 'sent' AND address_ct IS NOT NULL;
