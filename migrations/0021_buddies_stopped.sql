-- Stopped buddy links, found by number (buddyStopped) and at all (whether a
-- JOIN need look for a stop to lift): on most lines there are none, and a
-- scan of every link would otherwise answer that.
CREATE INDEX buddies_stopped ON buddies (buddy_bidx) WHERE status = 'stopped';
