/**
 * French keywords (keys normalized: upper case, no accents, so VÉRIFIER is
 * VERIFIER). STOP, INFO and LANG are shared with English. No French word
 * for CANCEL stops anything: ANNULER could be meant for a question.
 */
import type { KeywordTable, Table } from './keywords';

const FR: Table = {
  REJOINDRE: 'join',
  INSCRIRE: 'join',
  INSCRIPTION: 'join',
  QUITTER: 'leave',
  ARRET: 'stop',
  ARRETER: 'stop',
  AIDE: 'help',
  ZONES: 'areas',
  STATUT: 'areas',
  SIGNALER: 'report',
  SIGNALEMENT: 'report',
  VERIFIER: 'check',
  SUPPRIMER: 'delete',
  EFFACER: 'delete',
  FRANCAIS: 'lang',
  DISCRET: 'discreet',
  DISCRETE: 'discreet',
  LIRE: 'read',
  // Check-ins (issue 13)
  BINOME: 'buddy',
  ACCEPTER: 'accept',
  // A bare "Oui" to an invitation (run-command: only then).
  OUI: 'accept',
  REFUSER: 'decline',
  SECURITE: 'checkin',
  FINI: 'ok',
  PROLONGER: 'later',
};

/** French: its keywords and the words that name it after LANG. */
export const french: KeywordTable = { lang: 'fr', keywords: FR, names: ['FR', 'FRA', 'FRENCH', 'FRANCAIS', 'FRANCES'] };
