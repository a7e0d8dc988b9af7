-- Messages in a row that the provider refused or reported as to an invalid
-- number (Twilio 30005, 30006, 21211; Signal "unregistered"), on this
-- membership's channel: not always final (a port, a VoIP carrier's trouble,
-- a Signal reinstall), so the membership is marked invalid only at the
-- third, a day or more after the first (store/invalid-streak.ts). A
-- delivered message, or one she sends, starts it again. A row marked invalid
-- before this has 0 here: it lost its areas then, and JOIN brings it back as
-- before.
ALTER TABLE members ADD COLUMN invalid_streak INTEGER NOT NULL DEFAULT 0;
-- The hour (its start) of the first of those messages, then of her mark;
-- NULL with no count. Kept while she is marked: her own message brings her
-- areas back only within INVALID_KEPT_MS of the mark (a number out of use is
-- given to someone else in time), and after that retention drops them.
ALTER TABLE members ADD COLUMN invalid_since INTEGER;
