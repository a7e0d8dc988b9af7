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
  if (member && parsed.lang && member.lang !== parsed.lang) {
    setMemberLang(db, member.id, parsed.lang);
    member.lang = parsed.lang;
  }
  return parsed.lang ?? who.conversation()?.lang ?? member?.lang ?? 'en';
}
