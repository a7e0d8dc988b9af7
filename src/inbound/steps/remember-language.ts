/**
 * Step 4: remember the language. A member is answered in the language they
 * last wrote a keyword in (on either of her channels); a message that names
 * none (an answer, "415") in the member's language, else in that of the
 * conversation it belongs to (a sender with no row yet), else English.
 */
import type { Parsed } from '../../bot/commands';
import type { Lang } from '../../domain/lang';
import type { Db } from '../../store/db';
import { choosePersonLang } from '../../store/person-lang';
import type { Vault } from '../../store/vault';
import type { Identity } from './identify-sender';

export function rememberLanguage({ db, vault }: { db: Db; vault: Vault }, who: Identity, parsed: Parsed): Lang {
  const { member } = who;
  // A keyword her language writes too (a Spanish member's DENUNCIA) leaves her in hers.
  const written = member && parsed.keeps?.includes(member.lang) ? member.lang : parsed.lang;
  if (member && written && member.lang !== written) {
    choosePersonLang(db, vault, member.id, who.sender.phone, written);
    member.lang = written;
  }
  // A member's own, set by her last keyword: a LANG word sent as an answer mid-question ("ESPAÑOL") holds for the
  // questions after it too. Someone with no row yet is asked in the language the conversation began in.
  return written ?? member?.lang ?? who.conversation()?.lang ?? 'en';
}
