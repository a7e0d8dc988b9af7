-- The number ACCEPT's list last showed an invitation under (bot/buddy-choice.ts):
-- `ACCEPT 2` picks what she read as 2, not whoever has moved up to 2 since
-- (an inviter who withdrew, an invitation that lapsed). Cleared at each list.
ALTER TABLE buddies ADD COLUMN listed_as INTEGER;
