/** Spanish keywords, as the SPEC lists them (keys normalized: upper case, no accents). */
import type { KeywordTable, Table } from './keywords';

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
  // Reach (issue 12)
  DISCRETO: 'discreet',
  DISCRETA: 'discreet',
  LEER: 'read',
  // Check-ins (issue 13)
  AMIGA: 'buddy',
  AMIGO: 'buddy',
  ACEPTAR: 'accept',
  ACEPTO: 'accept',
  // A bare "Sí" to an invitation (run-command: only then).
  SI: 'accept',
  RECHAZAR: 'decline',
  SEGURA: 'checkin',
  SEGURO: 'checkin',
  LISTA: 'ok',
  LISTO: 'ok',
  LUEGO: 'later',
  DESPUES: 'later',
};

/** Spanish: its keywords and the words that name it after LANG. */
export const spanish: KeywordTable = {
  lang: 'es',
  keywords: ES,
  names: ['ES', 'ESP', 'SPANISH', 'ESPANOL', 'CASTELLANO', 'ESPAGNOL', 'ESPANHOL'],
  // Spanish words too, but the Portuguese replies teach them.
  alsoWrites: ['ENTRAR', 'DENUNCIA', 'DENUNCIAR'],
};
