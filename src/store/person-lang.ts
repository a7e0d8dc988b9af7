/**
 * A person's language, in every place it is read: the membership she wrote
 * from (that channel's only: see setMemberLang) and the buddy links where
 * she is someone's buddy that go over that channel (the escalation, an OK,
 * come in it): an SMS from her number never changes what Signal brings her,
 * nor the reverse. Its own module:
 * members and buddies are both written, and neither store should import the
 * other for it.
 */
import type { Lang } from '../domain/lang';
import type { Sender } from '../phone/identity';
import { setBuddyLang } from './buddies';
import type { Db } from './db';
import { setMemberLang } from './members';
import type { Vault } from './vault';

/** Records that the person behind `memberId` (writing as `sender`: its channel, and its number when it shows) chose `lang`. */
export function choosePersonLang(db: Db, vault: Vault, memberId: number, sender: Pick<Sender, 'channel' | 'phone'>, lang: Lang): void {
  setMemberLang(db, memberId, lang);
  if (sender.phone) setBuddyLang(db, vault, { channel: sender.channel, phone: sender.phone }, lang);
}
