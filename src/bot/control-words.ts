/**
 * The words the line reads as commands wherever a member may type an area: every language's keywords, a guided
 * report's SKIP, BACK, DONE and CANCEL, and LEAVE's ALL. An area coded or named so would be misread (areas-file.ts).
 */
import { KEYWORD_TABLES } from './keywords';
import { ALL_WORDS } from './all-words';

/** A guided report's control words (report-dialogue.ts), in every language the line speaks. */
export const CONTROL: Record<string, 'skip' | 'back' | 'done' | 'cancel'> = {
  SKIP: 'skip',
  NEXT: 'skip',
  SALTAR: 'skip',
  PASAR: 'skip',
  OMITIR: 'skip',
  BACK: 'back',
  ATRAS: 'back',
  VOLVER: 'back',
  DONE: 'done',
  SEND: 'done',
  LISTO: 'done',
  ENVIAR: 'done',
  CANCEL: 'cancel',
  CANCELAR: 'cancel',
  // What the questions advertise: over SMS a lone CANCEL is a carrier opt-out (Twilio unsubscribes the sender from everything).
  DROP: 'cancel',
  DESCARTAR: 'cancel',
  // French and Portuguese (issue 12), as their questions advertise them.
  PASSER: 'skip',
  RETOUR: 'back',
  ENVOYER: 'done',
  ANNULER: 'cancel',
  PULAR: 'skip',
  VOLTAR: 'back',
};

/**
 * What a word (upper case without accents or marks) means to the line as a command in any of its languages, as a
 * start warning names it ("the keyword END (stop)", "a guided report's SKIP"); null when it is none.
 */
export function commandWordMeaning(word: string): string | null {
  if (ALL_WORDS.has(word)) return "LEAVE's and APPROVE's word for every area";
  if (Object.hasOwn(CONTROL, word)) return `a guided report's ${(CONTROL[word] as string).toUpperCase()}`;
  const table = KEYWORD_TABLES.find((t) => Object.hasOwn(t.keywords, word));
  return table ? `the keyword ${word} (${table.keywords[word]})` : null;
}
