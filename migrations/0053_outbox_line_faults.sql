-- /readyz asks on every probe whether a message waiting on a channel was
-- last refused for a fault of the line's own ('line:<code>'): without this
-- index it reads every waiting row of the channel, a fan-out's whole backlog.
-- Such rows are few (a held lane tries one at a time), so the index is small.
CREATE INDEX outbox_line_faults ON outbox (channel) WHERE state = 'pending' AND error LIKE 'line:%';
