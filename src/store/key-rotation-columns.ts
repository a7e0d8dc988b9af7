/**
 * What rotate-key covers: every sealed column and every blind-index column
 * of the schema (a test compares these lists with the migrated database, so
 * a new one cannot ship without a rule for rotation).
 */

/** Every sealed column (`<column>_ct`, with `key_version`), and what rotation does with it. */
export const SEALED_COLUMNS = [
  { table: 'members', column: 'address', rotation: 're-sealed' },
  { table: 'reports', column: 'text', rotation: 're-sealed' },
  { table: 'alerts', column: 'text', rotation: 're-sealed' },
  { table: 'outbox', column: 'body', rotation: 're-sealed' },
  { table: 'outbox', column: 'address', rotation: 're-sealed with the body (a reply to someone who is not a member)' },
  { table: 'inbound_retry', column: 'item', rotation: 're-sealed' },
  { table: 'inbound_messages', column: 'reply', rotation: 'erased with the handled ids it belongs to' },
  { table: 'moderator_identities', column: 'moderator', rotation: 're-sealed (the blind index is recomputed from it)' },
  { table: 'moderator_identities', column: 'identity', rotation: 're-sealed with the moderator' },
  { table: 'conversations', column: 'state', rotation: 'erased: an open question lives an hour at most, and is asked again' },
  { table: 'provider_tasks', column: 'sid', rotation: 're-sealed' },
  // Check-ins (issue 13)
  { table: 'buddies', column: 'address', rotation: 're-sealed (the blind index is recomputed from it)' },
  { table: 'buddies', column: 'name', rotation: 're-sealed with the address' },
  { table: 'buddies', column: 'inviter', rotation: 're-sealed with the address' },
  { table: 'checkins', column: 'details', rotation: 're-sealed' },
  { table: 'checkins', column: 'phone', rotation: 're-sealed with the details' },
  { table: 'checkin_refs', column: 'phone', rotation: 're-sealed' },
  { table: 'buddy_stops', column: 'address', rotation: 're-sealed (the blind index is recomputed from it)' },
  { table: 'buddy_declines', column: 'address', rotation: 're-sealed (the blind index is recomputed from it)' },
  { table: 'buddy_numbers', column: 'record', rotation: 're-sealed (the blind index is recomputed from the number in it)' },
  // Reports (issue 11)
  { table: 'reports', column: 'fields', rotation: 're-sealed with the text' },
  { table: 'alerts', column: 'fields', rotation: 're-sealed with the text' },
  { table: 'screening', column: 'value', rotation: 're-sealed (the blind index is recomputed from it)' },
  { table: 'report_identifiers', column: 'value', rotation: 're-sealed (the blind index is recomputed from it)' },
  { table: 'blocked_senders', column: 'value', rotation: 're-sealed (the blind index is recomputed from it)' },
] as const;

/** Every blind-index column (`*_bidx`), its purpose, and what rotation does with it. */
export const INDEX_COLUMNS = [
  { table: 'members', column: 'address_bidx', purpose: 'member', rotation: 'recomputed from the sealed address' },
  { table: 'members', column: 'phone_bidx', purpose: 'link', rotation: "recomputed from an SMS row's address; a Signal row takes its SMS twin's, or loses it until its member writes again" },
  { table: 'reports', column: 'reporter_bidx', purpose: 'reporter', rotation: "recomputed for members, for a blocked sender whose identity her block keeps, and for a reporter who erased herself (an index no one has); erased for other reporters who are not members" },
  { table: 'reports', column: 'phone_reporter_bidx', purpose: 'reporter', rotation: "recomputed when the number is an SMS member, its block keeps it, or she erased herself (an index no one has); erased otherwise" },
  { table: 'blocked_senders', column: 'reporter_bidx', purpose: 'reporter', rotation: 'recomputed from the sealed identity, or for members; erased for others (blocks from before migration 0044, reporters not heard from since)' },
  { table: 'sender_limits', column: 'sender_bidx', purpose: 'sender', rotation: 'recomputed for members; erased for others' },
  { table: 'inbound_retry', column: 'sender_bidx', purpose: 'replies', rotation: "recomputed from the parked message's sealed sender" },
  { table: 'inbound_messages', column: 'sender_bidx', purpose: 'replies', rotation: 'erased with the handled ids' },
  { table: 'inbound_seen', column: 'provider_bidx', purpose: 'inbound', rotation: 'erased: the provider id is not stored' },
  { table: 'inbound_seen', column: 'sender_bidx', purpose: 'replies', rotation: 'erased with the handled ids' },
  { table: 'screening', column: 'number_bidx', purpose: 'screen (per kind)', rotation: "recomputed from the entry's sealed value (entries from before issue 11: from the alert's sealed text)" },
  { table: 'inbound_messages', column: 'provider_bidx', purpose: 'inbound', rotation: 'erased: the provider id is not stored' },
  { table: 'moderator_identities', column: 'moderator_bidx', purpose: 'moderator', rotation: "recomputed from the row's sealed moderator UUID" },
  { table: 'conversations', column: 'sender_bidx', purpose: 'conversation (of the member index)', rotation: 'erased with the conversation' },
  // Check-ins (issue 13)
  { table: 'buddies', column: 'buddy_bidx', purpose: 'buddy-link (of the member and the number)', rotation: "recomputed from the row's member and sealed number" },
  { table: 'buddy_stops', column: 'buddy_bidx', purpose: 'buddy', rotation: "recomputed from the row's sealed number" },
  { table: 'buddy_declines', column: 'buddy_bidx', purpose: 'declined (of the member and the number)', rotation: "recomputed from the row's member and sealed number" },
  { table: 'buddy_numbers', column: 'buddy_bidx', purpose: 'buddy', rotation: "recomputed from the number in the row's sealed record" },
  // Reports (issue 11)
  { table: 'report_identifiers', column: 'id_bidx', purpose: 'screen (per kind)', rotation: 'recomputed from the sealed value' },
] as const;
