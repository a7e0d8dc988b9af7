-- A check-in started over Signal with the member's number showing carried
-- that number's reporter index over SMS (0040), as her reports carry it:
-- read without the key, it joined her member row (areas, language, join
-- order) to every report she filed from that number. The number is now
-- sealed instead (random nonce: equal to nothing), on the check-in and on
-- its reference, for BLOCK of the reference and the count of her notices
-- to the moderators. An index cannot be turned back into the number, so
-- rows in flight at the upgrade lose it: BLOCK of such a reference still
-- silences her memberships (and her SMS one, linked), not a number she
-- holds no SMS membership for; those rows go within a week.
ALTER TABLE checkins DROP COLUMN phone_reporter_bidx;
ALTER TABLE checkins ADD COLUMN phone_ct BLOB;
ALTER TABLE checkin_refs DROP COLUMN phone_reporter_bidx;
ALTER TABLE checkin_refs ADD COLUMN phone_ct BLOB;
ALTER TABLE checkin_refs ADD COLUMN key_version INTEGER;
