-- A buddy's STOP is kept apart from the links it ended, so that after the
-- member's BUDDY OFF nothing ties the number to her. Its time, to the
-- millisecond, did: it equalled that of the "your buddy stopped" message
-- queued to her in the same moment. Nothing reads it: kept to the day.
UPDATE buddy_stops SET created_at = created_at - created_at % 86400000;
