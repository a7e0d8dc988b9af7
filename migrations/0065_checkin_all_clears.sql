-- A buddy's all-clear ("she has checked in") follows the escalation that
-- alarmed them: queued over Signal, SMS takes it instead as it would the
-- escalation (Signal refusing them for good, failing, held:
-- store/escalation-sms.ts). These are the outbox rows that are all-clears;
-- each is also in buddy_messages, for the member's DELETE.
CREATE TABLE checkin_all_clears (
  outbox_id INTEGER PRIMARY KEY REFERENCES outbox (id) ON DELETE CASCADE
);
