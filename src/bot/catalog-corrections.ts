/**
 * What the line says, in each language, when it takes something back or
 * cannot read what was sent: a retracted alert's correction, and the answer
 * to a Signal edit (not read: acting on it would run a command again). Apart
 * from the catalogues, which are full (catalog-xx.ts spreads its language's).
 */
import type { Lang } from '../domain/lang';
import { listAreas } from './catalog-text';
import type { DayTime } from './clock-time';

/** The replies of this file, part of every Catalog. */
export interface CorrectionCatalog {
  /** A Signal edit of an earlier message: not read; send it as a new one. `answering`: a question of ours is open. */
  editNotRead(answering: boolean): string;
  /** A moderator's Signal edit: not read, nothing changed (her next APPROVE sends the text as it stood). */
  modEditNotRead(): string;
  /**
   * The correction a member who got a retracted alert receives: which one, by when it went out and, for a guided one,
   * its categories as `words` (quoted; none when '', retraction-text.ts): of several alerts for her area she must disregard the right one.
   */
  alertRetracted(areas: string[], sent: DayTime, words: string): string;
  /** The correction for a discreet member: like their notice, it names nothing of its subject, nor the line; only when it was sent. */
  discreetRetracted(areas: string[], sent: DayTime): string;
}

/** A retracted alert's categories as its correction quotes them: ': "Violence, robbery"'. */
const quote = (words: string): string => (words ? `: "${words}"` : '');

/** Each language's replies, given how its catalogue writes a time and its day (checkinEnd: "21:30 on Fri 11"). */
export const CORRECTIONS: Record<Lang, (when: (at: DayTime) => string) => CorrectionCatalog> = {
  en: (when) => ({
    editNotRead: (answering) => `Heads Up can't read edited messages: ${answering ? 'please send your answer again as a new message.' : 'send it again as a new message.'}`,
    modEditNotRead: () => "Heads Up can't read edited messages: nothing was changed. Send it again as a new message.",
    alertRetracted: (areas, sent, words) => `Heads Up: please disregard the alert for ${listAreas(areas)} sent at ${when(sent)}${quote(words)}. It was sent in error and is withdrawn.`,
    discreetRetracted: (areas, sent) => `HU ${listAreas(areas)}: the message sent at ${when(sent)} is withdrawn. Please disregard it.`,
  }),
  es: (when) => ({
    editNotRead: (answering) => `Heads Up no puede leer mensajes editados: ${answering ? 'envia tu respuesta de nuevo como mensaje nuevo.' : 'envialo de nuevo como mensaje nuevo.'}`,
    modEditNotRead: () => 'Heads Up no puede leer mensajes editados: no se cambio nada. Envialo de nuevo como mensaje nuevo.',
    alertRetracted: (areas, sent, words) => `Heads Up: ignora la alerta de ${listAreas(areas)} enviada a las ${when(sent)}${quote(words)}. Se envio por error y queda retirada.`,
    discreetRetracted: (areas, sent) => `HU ${listAreas(areas)}: el mensaje enviado a las ${when(sent)} queda retirado. Por favor ignoralo.`,
  }),
  fr: (when) => ({
    editNotRead: (answering) => `Heads Up ne peut pas lire les messages modifiés: ${answering ? 'renvoyez votre réponse comme nouveau message.' : 'renvoyez-le comme nouveau message.'}`,
    modEditNotRead: () => "Heads Up ne peut pas lire les messages modifiés: rien n'a été changé. Renvoyez-le comme nouveau message.",
    alertRetracted: (areas, sent, words) => `Heads Up: ignorez l'alerte pour ${listAreas(areas)} envoyée à ${when(sent)}${quote(words)}. Envoyée par erreur, elle est retirée.`,
    discreetRetracted: (areas, sent) => `HU ${listAreas(areas)}: le message envoyé à ${when(sent)} est retiré. Merci de l'ignorer.`,
  }),
  pt: (when) => ({
    editNotRead: (answering) => `Heads Up nao consegue ler mensagens editadas: ${answering ? 'envie sua resposta de novo como mensagem nova.' : 'envie de novo como mensagem nova.'}`,
    modEditNotRead: () => 'Heads Up nao consegue ler mensagens editadas: nada foi alterado. Envie de novo como mensagem nova.',
    alertRetracted: (areas, sent, words) => `Heads Up: ignore o alerta de ${listAreas(areas)} enviado as ${when(sent)}${quote(words)}. Foi enviado por erro e esta retirado.`,
    discreetRetracted: (areas, sent) => `HU ${listAreas(areas)}: a mensagem enviada as ${when(sent)} foi retirada. Por favor, ignore-a.`,
  }),
};
