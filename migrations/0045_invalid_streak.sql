-- Messages in a row that the provider refused or reported as to an invalid
-- number (Twilio 30005, 30006, 21211; Signal "unregistered"), on this
-- membership's channel: not always final (a port, a VoIP carrier's trouble,
-- a Signal reinstall), so the membership is marked invalid only at the
-- third (store/invalid-streak.ts). A delivered message, or one she sends,
-- starts it again. A row marked invalid before this has 0 here: it lost its
-- areas then, and JOIN brings it back as before.
ALTER TABLE members ADD COLUMN invalid_streak INTEGER NOT NULL DEFAULT 0;
