-- A member in the middle of a short dialogue (the bot asked a question and
-- waits for the answer): at most one per sender, found by the sender's
-- member blind index. The pending question, the answers so far and the
-- language are sealed together; only the expiry is in clear, so expired
-- dialogues can be erased without the key.
CREATE TABLE conversations (
  sender_bidx BLOB    PRIMARY KEY,
  state_ct    BLOB    NOT NULL,
  key_version INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX conversations_expiry ON conversations (expires_at);
