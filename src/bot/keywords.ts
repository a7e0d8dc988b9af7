/**
 * Keyword tables, one per language, as the SPEC lists them. Keys are
 * normalized (upper case, accents removed). A keyword's language becomes the
 * member's reply language; a few are shared by both and say nothing.
 */
import type { CommandKind, Lang } from './commands';

type Table = Record<string, CommandKind>;

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
  // Reports (issue 11)
  RETRACT: 'retract',
};

const ES: Table = {
  UNIRSE: 'join',
  ALTA: 'join',
  SALIR: 'leave',
  ALTO: 'stop',
  PARAR: 'stop',
  AYUDA: 'help',
  ZONAS: 'areas',
  REPORTE: 'report',
  REPORTAR: 'report',
  VERIFICAR: 'check',
  BORRAR: 'delete',
  ESPANOL: 'lang',
};

/** Keywords that are used in both languages, so they do not change the reply language. */
const NEUTRAL = new Set(['STOP', 'INFO', 'LANG', 'STATUS']);

/** Finds a normalized keyword: its command and, unless it is shared, its language. */
export function lookupKeyword(word: string): { kind: CommandKind; lang?: Lang } | undefined {
  const en = EN[word];
  if (en) return { kind: en, lang: NEUTRAL.has(word) ? undefined : 'en' };
  const es = ES[word];
  if (es) return { kind: es, lang: 'es' };
  return undefined;
}

/** The language a LANG argument names (EN, ES, ENGLISH, ESPANOL, INGLES, …), if any. */
export function langFromWord(word: string): Lang | undefined {
  if (['EN', 'ENG', 'ENGLISH', 'INGLES'].includes(word)) return 'en';
  if (['ES', 'ESP', 'SPANISH', 'ESPANOL', 'CASTELLANO'].includes(word)) return 'es';
  return undefined;
}
