/**
 * Step 4: remember the language. A member is answered in the language they
 * last wrote a keyword in; a message that names none (an answer, "415") is
 * answered in the language of the conversation it belongs to, else of the
 * member, else English.
 */
import type { Parsed } from '../../bot/commands';
import type { Lang } from '../../domain/lang';
import type { Db } from '../../store/db';
import { setMemberLang } from '../../store/members';
import type { Identity } from './identify-sender';

export function rememberLanguage(db: Db, who: Identity, parsed: Parsed): Lang {
  const { member } = who;
  // A keyword her language writes too (a Spanish member's DENUNCIA) leaves her in hers.
  const written = member && parsed.keeps?.includes(member.lang) ? member.lang : parsed.lang;
  if (member && written && member.lang !== written) {
    setMemberLang(db, member.id, written);
    member.lang = written;
  }
  return written ?? who.conversation()?.lang ?? member?.lang ?? 'en';
}
