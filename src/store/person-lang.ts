/**
 * A person's language, in every place it is read: the membership she wrote
 * from (that channel's only: see setMemberLang) and the buddy links where
 * she is someone's buddy (the escalation, an OK, come in it). Its own module:
 * members and buddies are both written, and neither store should import the
 * other for it.
 */
import type { Lang } from '../domain/lang';
import { setBuddyLang } from './buddies';
import type { Db } from './db';
import { setMemberLang } from './members';
import type { Vault } from './vault';

/** Records that the person behind `memberId` (writing from `phone`, when it shows) chose `lang`. */
export function choosePersonLang(db: Db, vault: Vault, memberId: number, phone: string | undefined, lang: Lang): void {
  setMemberLang(db, memberId, lang);
  if (phone) setBuddyLang(db, vault, phone, lang);
}
