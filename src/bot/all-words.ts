/** LEAVE's words for every area she has ("LEAVE ALL"), and APPROVE's. */

// "LEAVE ALL", "leave all my areas", "SALIR DE TODO", "QUITTER TOUT", "SAIR DE TUDO": every area she has. An
// area named among them ("LEAVE 415 all") leaves it be read as areas, and answered as such.
export const ALL_WORDS: ReadonlySet<string> = new Set('ALL EVERYTHING TODO TODOS TODAS TOUT TOUS TOUTES TUDO'.split(' '));
const ALL_FILLER: ReadonlySet<string> = new Set('MY OF THE AREAS DE LAS LOS MIS ZONAS MES LES ZONES DAS DOS AS OS MINHAS REGIOES'.split(' '));

/** Whether the (normalized) words after LEAVE name every area and nothing else. */
export function leavesAll(words: string[]): boolean {
  return words.some((w) => ALL_WORDS.has(w)) && words.every((w) => ALL_WORDS.has(w) || ALL_FILLER.has(w));
}
