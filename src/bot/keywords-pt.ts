/**
 * Portuguese keywords (keys normalized: upper case, no accents, so
 * DENÚNCIA is DENUNCIA). PARAR, VERIFICAR and DISCRETO are Spanish too: a
 * word two languages share sets no reply language. ENTRAR and DENUNCIA are
 * Spanish words too, but the Portuguese replies teach them (the Spanish ones
 * teach UNIRSE and REPORTAR): a Portuguese newcomer's ENTRAR is answered in
 * Portuguese, a Spanish member's keeps her in Spanish (alsoWrites).
 */
import type { KeywordTable, Table } from './keywords';

const PT: Table = {
  ENTRAR: 'join',
  INSCREVER: 'join',
  ASSINAR: 'join',
  SAIR: 'leave',
  PARAR: 'stop',
  AJUDA: 'help',
  REGIOES: 'areas',
  DENUNCIA: 'report',
  DENUNCIAR: 'report',
  VERIFICAR: 'check',
  APAGAR: 'delete',
  PORTUGUES: 'lang',
  DISCRETO: 'discreet',
  DISCRETA: 'discreet',
  LER: 'read',
  // Check-ins (issue 13)
  PARCEIRA: 'buddy',
  PARCEIRO: 'buddy',
  ACEITAR: 'accept',
  // A bare "Sim" to an invitation (run-command: only then).
  SIM: 'accept',
  RECUSAR: 'decline',
  SEGURA: 'checkin',
  SEGURO: 'checkin',
  PRONTA: 'ok',
  PRONTO: 'ok',
  DEPOIS: 'later',
};

/** Portuguese: its keywords and the words that name it after LANG. */
export const portuguese: KeywordTable = {
  lang: 'pt',
  keywords: PT,
  names: ['PT', 'POR', 'PORTUGUESE', 'PORTUGUES', 'PORTUGAIS'],
  // Portuguese words too (a Portuguese member's ZONAS, REPORTAR), but the Spanish replies teach them.
  alsoWrites: ['AMIGA', 'AMIGO', 'ZONAS', 'REPORTAR'],
};
