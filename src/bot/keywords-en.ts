/** English keywords, as the SPEC lists them (keys normalized: upper case, no accents). */
import type { KeywordTable, Table } from './keywords';

const EN: Table = {
  JOIN: 'join',
  SUBSCRIBE: 'join',
  START: 'join',
  UNSTOP: 'join',
  // Twilio lifts its opt-out block on YES as on START: we re-subscribe alike.
  YES: 'join',
  LEAVE: 'leave',
  STOP: 'stop',
  STOPALL: 'stop',
  UNSUBSCRIBE: 'stop',
  CANCEL: 'stop',
  END: 'stop',
  QUIT: 'stop',
  REVOKE: 'stop',
  OPTOUT: 'stop',
  HELP: 'help',
  INFO: 'help',
  AREAS: 'areas',
  STATUS: 'areas',
  REPORT: 'report',
  CHECK: 'check',
  DELETE: 'delete',
  LANG: 'lang',
  ENGLISH: 'lang',
  PENDING: 'pending',
  APPROVE: 'approve',
  REJECT: 'reject',
  EDIT: 'edit',
  ALERT: 'alert',
  BLOCK: 'block',
  STATS: 'stats',
  SHOW: 'show',
  // Reach (issue 12)
  DISCREET: 'discreet',
  // French DISCRÈTE, and English's common misspelling: shared, so it changes no one's language.
  DISCRETE: 'discreet',
  READ: 'read',
  // Reports (issue 11)
  RETRACT: 'retract',
  // Check-ins (issue 13)
  BUDDY: 'buddy',
  ACCEPT: 'accept',
  DECLINE: 'decline',
  CHECKIN: 'checkin',
  'CHECK-IN': 'checkin',
  SAFE: 'checkin',
  OK: 'ok',
  OKAY: 'ok',
  LATER: 'later',
};

/** English: its keywords and the words that name it after LANG. */
export const english: KeywordTable = { lang: 'en', keywords: EN, names: ['EN', 'ENG', 'ENGLISH', 'INGLES', 'ANGLAIS'] };
