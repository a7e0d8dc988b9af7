-- Intentionally empty. A version of 0041 (checkins.deadline_set_at) was on
-- main for an hour and then reverted, before any release; this file keeps
-- the numbers in order, so the schema's number still counts its migrations
-- (doctor, restore), and a database that ran the old 0041 keeps a column
-- nothing reads.
SELECT 1;
