-- A finished one-off message (a reply, a notice) no longer names its member
-- and keeps its times only to the day (store/outbox-untie.ts): a reporter's
-- reply, queued in the same millisecond as the moderators' notice of her
-- report, told a seizer who wrote which warning. Retention's sweep finds the
-- rows still named through this index; its next run (at the start) unties
-- those of before.
CREATE INDEX outbox_named_finished ON outbox (id) WHERE alert_id IS NULL AND member_id IS NOT NULL AND state <> 'pending';
