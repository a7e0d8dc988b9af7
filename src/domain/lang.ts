/** Reply languages: a domain type the bot, the store and the catalogues all share. */

/** A language a member can be answered in. */
export type Lang = 'en' | 'es' | 'fr' | 'pt';

/** Whether a stored string is a reply language. */
export function isLang(s: unknown): s is Lang {
  return s === 'en' || s === 'es' || s === 'fr' || s === 'pt';
}
