/**
 * What the line says, in each language, when it takes something back or
 * cannot read what was sent: a retracted alert's correction, and the answer
 * to a Signal edit (not read: acting on it would run a command again). Apart
 * from the catalogues, which are full (catalog-xx.ts spreads its language's).
 */
import type { Lang } from '../domain/lang';
import { listAreas } from './catalog-text';

/** The replies of this file, part of every Catalog. */
export interface CorrectionCatalog {
  /** A Signal edit of an earlier message: not read; send it as a new one. `answering`: a question of ours is open. */
  editNotRead(answering: boolean): string;
  /** A moderator's Signal edit: not read, nothing changed (her next APPROVE sends the text as it stood). */
  modEditNotRead(): string;
  /** The one-line correction an SMS member who got a retracted alert receives. */
  alertRetracted(areas: string[], day: string): string;
  /** The correction for a discreet member: like their notice, it names nothing of its subject, nor the line. */
  discreetRetracted(areas: string[], day: string): string;
}

export const CORRECTIONS: Record<Lang, CorrectionCatalog> = {
  en: {
    editNotRead: (answering) => `Heads Up can't read edited messages: ${answering ? 'please send your answer again as a new message.' : 'send it again as a new message.'}`,
    modEditNotRead: () => "Heads Up can't read edited messages: nothing was changed. Send it again as a new message.",
    alertRetracted: (areas, day) => `Heads Up: please disregard the alert for ${listAreas(areas)} sent ${day}. It was sent in error and is withdrawn.`,
    discreetRetracted: (areas, day) => `HU ${listAreas(areas)}: the message of ${day} is withdrawn. Please disregard it.`,
  },
  es: {
    editNotRead: (answering) => `Heads Up no puede leer mensajes editados: ${answering ? 'envia tu respuesta de nuevo como mensaje nuevo.' : 'envialo de nuevo como mensaje nuevo.'}`,
    modEditNotRead: () => 'Heads Up no puede leer mensajes editados: no se cambio nada. Envialo de nuevo como mensaje nuevo.',
    alertRetracted: (areas, day) => `Heads Up: ignora la alerta de ${listAreas(areas)} enviada el ${day}. Se envio por error y queda retirada.`,
    discreetRetracted: (areas, day) => `HU ${listAreas(areas)}: el mensaje del ${day} queda retirado. Por favor ignoralo.`,
  },
  fr: {
    editNotRead: (answering) => `Heads Up ne peut pas lire les messages modifiés: ${answering ? 'renvoyez votre réponse comme nouveau message.' : 'renvoyez-le comme nouveau message.'}`,
    modEditNotRead: () => "Heads Up ne peut pas lire les messages modifiés: rien n'a été changé. Renvoyez-le comme nouveau message.",
    alertRetracted: (areas, day) => `Heads Up: ignorez l'alerte pour ${listAreas(areas)} du ${day}. Envoyée par erreur, elle est retirée.`,
    discreetRetracted: (areas, day) => `HU ${listAreas(areas)}: le message du ${day} est retiré. Merci de l'ignorer.`,
  },
  pt: {
    editNotRead: (answering) => `Heads Up nao consegue ler mensagens editadas: ${answering ? 'envie sua resposta de novo como mensagem nova.' : 'envie de novo como mensagem nova.'}`,
    modEditNotRead: () => 'Heads Up nao consegue ler mensagens editadas: nada foi alterado. Envie de novo como mensagem nova.',
    alertRetracted: (areas, day) => `Heads Up: ignore o alerta de ${listAreas(areas)} enviado em ${day}. Foi enviado por erro e esta retirado.`,
    discreetRetracted: (areas, day) => `HU ${listAreas(areas)}: a mensagem de ${day} foi retirada. Por favor, ignore-a.`,
  },
};
