/**
 * The words after DISCREET, read by the parser (words come upper case, accents
 * folded). An on or off word in any of the four languages sets that state:
 * "DISCREET ON", "DISCRETO SÍ", "DISCRET ACTIVÉ", "discreet mode off". Bare it
 * toggles. Any other words leave it as it is (she is told how it stands): a
 * word not read must never flip it, as "DISCREET ON" once turned a member on
 * a discreet-by-default line back to alerts in full. So too emoji or marks
 * alone ("DISCREET 👍", "Discreet ?"), which the parser drops as words.
 */
import type { Command } from './commands';

const ON_WORDS: ReadonlySet<string> = new Set(
  ('ON YES ENABLE ENABLED ACTIVATE ACTIVATED ACTIVE SI ACTIVAR ACTIVADO ACTIVADA ACTIVADOS ACTIVADAS OUI ACTIVER ACTIVEE ACTIVES ACTIVEES ' +
    'SIM ATIVAR ATIVADO ATIVADA ATIVADOS ATIVADAS LIGAR LIGADO LIGADA LIGADOS LIGADAS').split(' '),
);
const OFF_WORDS: ReadonlySet<string> = new Set(
  ('OFF NO DISABLE DISABLED DEACTIVATE DEACTIVATED DESACTIVAR DESACTIVADO DESACTIVADA DESACTIVADOS DESACTIVADAS NON DESACTIVER DESACTIVE ' +
    'DESACTIVEE DESACTIVES DESACTIVEES NAO DESATIVAR DESATIVADO DESATIVADA DESATIVADOS DESATIVADAS DESLIGAR DESLIGADO DESLIGADA DESLIGADOS DESLIGADAS').split(' '),
);
/** "discreet mode": the keyword still, as bare. */
const MODE_WORDS: ReadonlySet<string> = new Set(['MODE', 'MODO']);
/** Politeness, read only beside an on or off word ("DISCREET ON please"): alone it names no state. */
const POLITE_WORDS: ReadonlySet<string> = new Set(['PLEASE', 'PLS', 'PLZ', 'SVP', 'POR', 'FAVOR', 'PF', 'PFV']);

/** DISCREET with the words after its keyword, and the whole message as written (`text`). */
export function discreetCommandOf(rest: readonly string[], text: string): Command {
  const said = rest.filter((w) => !MODE_WORDS.has(w));
  // More parts written than the keyword and its words: emoji or marks the parser dropped ("DISCREET ✅"), no toggle.
  if (said.length === 0) return text.trim().split(/\s+/).length > rest.length + 1 ? { kind: 'discreet', wants: 'unclear' } : { kind: 'discreet' };
  const on = said.some((w) => ON_WORDS.has(w));
  const off = said.some((w) => OFF_WORDS.has(w));
  const read = said.every((w) => ON_WORDS.has(w) || OFF_WORDS.has(w) || POLITE_WORDS.has(w));
  if (!read || on === off) return { kind: 'discreet', wants: 'unclear' };
  return { kind: 'discreet', wants: on ? 'on' : 'off' };
}
