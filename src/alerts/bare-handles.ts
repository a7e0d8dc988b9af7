/**
 * Handles written without their "@" ("his insta is rick_sf", "snap: _rickysf_"):
 * only words holding an underscore, which no ordinary word does, and of
 * those only the ones a handle's shape or label vouches for. A false handle
 * would match whoever has it. Pure; identifiers.ts normalises what it finds.
 */

// A handle copied without its "@" ("his insta is rick_sf"): a word holding an underscore, which no ordinary word
// does. One without ("rickysf") cannot be told from a word, and a false handle would match whoever has it.
const BARE_HANDLE_IN_TEXT = /(?<![\p{L}\p{N}_.@/])[\p{L}\p{N}_.]*_[\p{L}\p{N}_.]*(?![\p{L}\p{N}_@/])/gu;
// Read alone only with an underscore inside, two letters or digits each side ("rick_sf", "dj_rick"): WhatsApp's
// italics ("_very_", "_he", "drunk_") and emoticons ("o_O", "T_T") are not.
const INNER_UNDERSCORE = /^(?=[\p{L}\p{N}])[\p{L}\p{N}_.]*[\p{L}\p{N}]{2}_[\p{L}\p{N}]{2}[\p{L}\p{N}_.]*$/u;
// A file name as a phone or an app gives it ("IMG_2034.jpg", "Screenshot_20240312", Telegram's
// "photo_2024-03-12_22-15-01.jpg"): no one's handle, nor are the parts between its dashes ("photo_2024", "12_22").
const FILE_NAME = /\.(?:jpe?g|png|gif|heic|webp|mp4|mov|pdf)$|^(?:img|vid|pxl|dsc|mvimg|screenshot|screen_recording|photo|video)_\d[\d_-]*(?:_\p{L}+)?$/iu;

/** The text with each word that is a file name (its brackets and punctuation aside) blanked, to the same length. */
function fileNamesBlanked(text: string): string {
  return text.replace(/\S+/gu, (word) => (FILE_NAME.test(word.replace(/^[("'[]+|[.,;:!?)"'\]]+$/gu, '')) ? ' '.repeat(word.length) : word));
}
// Any other word with an underscore ("j_smith", "_rickysf_", "ricky_") only right after a handle's label ("snap:
// x_ricky_x", "his insta is _rick_"), a word for the account and a possessive between them as written ("his
// instagram handle is", "snap username:", "o insta dele é"). "of" and "x" are ordinary words too ("kind of
// _weird_"): labels in capitals or before ":" only.
const HANDLE_LABELS = new Set(['ig', 'insta', 'instagram', 'snap', 'snapchat', 'tiktok', 'twitter', 'onlyfans', 'telegram']);
const ACCOUNT_WORD = String.raw`(?:handle|user(?:name)?|name|account|id|nombre|usuario|cuenta|nom|compte|pseudo|nome|usu[aá]rio|conta|dele|dela)`;
const LINKING_WORD = String.raw`(?:is|was|es|era|est|[eé]tait|c['’]est|c['’][eé]tait|é|foi)`;
const LABEL_BEFORE = new RegExp(String.raw`(?<![\p{L}\p{N}_@.])(\p{L}+)(?:\s+${ACCOUNT_WORD})?\s*(:)?\s*(?:${LINKING_WORD}\s+)?$`, 'iu');
// A word that says a handle follows is a label with no site named ("his handle is j_smith", "nombre de usuario:",
// "son pseudo c'est", "o usuário dele é"), before ":" or a linking word: "he couldn't handle _it_" is a verb and
// WhatsApp's italics. "name" alone is no label ("the name was _odd_").
const HANDLE_WORD_BEFORE = new RegExp(
  String.raw`(?<![\p{L}\p{N}_@.])(?:handle|user\s*name|usuario|usu[aá]rio|pseudo|utilisateur)(?:\s+(?:dele|dela))?(?:\s*:\s*|\s+${LINKING_WORD}\s+)$`,
  'iu',
);

/** Whether the words before a word are a handle's label: a site's name, or a word for the handle itself. */
function afterHandleLabel(before: string): boolean {
  if (HANDLE_WORD_BEFORE.test(before)) return true;
  const m = LABEL_BEFORE.exec(before);
  const label = m?.[1] ?? '';
  if (HANDLE_LABELS.has(label.toLowerCase())) return true;
  return (label === 'OF' || label === 'X' || m?.[2] === ':') && ['of', 'x'].includes(label.toLowerCase());
}

/** Whether an underscore-holding word is a handle written without its "@". */
function bareHandle(word: string, before: string): boolean {
  const core = word.replace(/\.+$/u, '');
  if (INNER_UNDERSCORE.test(core)) return true;
  return /[\p{L}\p{N}]/u.test(core) && (!core.startsWith('_') || core.endsWith('_')) && afterHandleLabel(before);
}

/** The words of a text read as handles written without "@", each with where it is written, as written. */
export function bareHandlesIn(text: string): Array<{ word: string; at: number }> {
  const noFiles = fileNamesBlanked(text);
  const out: Array<{ word: string; at: number }> = [];
  for (const m of noFiles.matchAll(BARE_HANDLE_IN_TEXT)) {
    const at = m.index ?? 0;
    if (bareHandle(m[0], noFiles.slice(Math.max(0, at - 40), at))) out.push({ word: m[0], at });
  }
  return out;
}
