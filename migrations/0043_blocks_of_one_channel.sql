-- BLOCK of a join request silences the membership that asked over its own
-- channel only (an SMS JOIN may be spoofed, or come from the new holder of a
-- recycled number): such a block does not hold for a Signal account showing
-- that number, as a block of a report or a check-in still does. Blocks kept
-- before this hold for the number, as they did.
ALTER TABLE blocked_senders ADD COLUMN channel_only INTEGER NOT NULL DEFAULT 0 CHECK (channel_only IN (0, 1));
