/**
 * Step 4: remember the language. A member is answered in the language they
 * last wrote a keyword in (on this channel: see setMemberLang); a message that names
 * none (an answer, "415", or an answer opening with a keyword) in the member's language, else in that of the
 * conversation it belongs to (a sender with no row yet: her answers keep it too, unless it is LANG), else, for someone
 * with no row asked to be (or who is) a buddy over this channel, the language of that link, else English.
 */
import { buddyLang } from '../../bot/buddy-answers';
import type { Parsed } from '../../bot/commands';
import { langAsked, type Turn } from '../../bot/dialogues';
import type { Lang } from '../../domain/lang';
import type { Db } from '../../store/db';
import { choosePersonLang } from '../../store/person-lang';
import type { Vault } from '../../store/vault';
import type { Identity } from './identify-sender';

export function rememberLanguage({ db, vault }: { db: Db; vault: Vault }, who: Identity, parsed: Parsed, turn: Turn, text: string): Lang {
  const { member } = who;
  // A keyword her language writes too (a Spanish member's DENUNCIA) leaves her in hers; so does an answer
  // to an open question that opens with another language's keyword ("alto, barba" in Portuguese), as it
  // is her words, not a keyword: only LANG itself, sent as an answer, changes it.
  const inReport = answers(who, turn) && who.conversation()?.topic === 'report';
  const answering = !(inReport ? langAsked(parsed, text) : langCommand(parsed)) && answers(who, turn);
  // Someone with no row (anyone may REPORT) keeps the conversation's language the same way.
  if (!member && answering) return who.conversation()?.lang ?? invited(db, vault, who) ?? 'en';
  const kept = member && (parsed.keeps?.includes(member.lang) || answering);
  const written = member && kept ? member.lang : parsed.lang;
  if (member && written && member.lang !== written) {
    choosePersonLang(db, vault, member.id, who.sender, written);
    member.lang = written;
  }
  // A member's own, set by her last keyword: a LANG word sent as an answer mid-question ("ESPAÑOL") holds for the
  // questions after it too. Someone with no row yet is asked in the language the conversation began in.
  return written ?? member?.lang ?? who.conversation()?.lang ?? invited(db, vault, who) ?? 'en';
}

/** Someone with no membership who is asked to be, or is, someone's buddy over this channel: the language of that link (buddy-answers.ts). */
function invited(db: Db, vault: Vault, who: Identity): Lang | undefined {
  return who.member ? undefined : buddyLang({ db, vault }, who);
}

function langCommand(parsed: Parsed): boolean {
  return (parsed.ok ? parsed.command.kind : parsed.command) === 'lang';
}

/** Whether the message answers an open question (dispatch reads her conversation for it anyway: no extra query). */
function answers(who: Identity, turn: Turn): boolean {
  return turn === 'answer' && who.conversation() !== undefined;
}
