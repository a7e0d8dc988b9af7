-- Members on Signal whose number is visible, by phone index (the address
-- index of the SMS membership of that number): fan-out planning looks up
-- whether an SMS member also follows on Signal (the same person gets an
-- alert once). Small, so the look-up stays in cache.
CREATE INDEX members_signal_phone ON members (phone_bidx) WHERE channel = 'signal' AND phone_bidx IS NOT NULL;
