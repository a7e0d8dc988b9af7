-- The number ACCEPT's list showed an invitation under is kept in its buddy's
-- sealed record (buddy_numbers) now: equal numbers on the links of two
-- members told a copy of the file that they asked the same buddy. The ones
-- left here are forgotten (a buddy shown a list is shown it again); the
-- column stays, empty.
UPDATE buddies SET listed_as = NULL WHERE listed_as IS NOT NULL;
