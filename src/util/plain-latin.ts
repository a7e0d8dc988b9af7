/**
 * Latin letters as "fancy text" keyboards and apps write them, read as plain capitals: small capitals
 * (ꜱᴛᴏᴘ) and the negative squared and circled letters (🆂🆃🅾🅿, 🅢🅣🅞🅟), which Unicode normalisation leaves
 * as they are (it already reads 𝐒𝐓𝐎𝐏, ＳＴＯＰ, Ⓢ and 🅂), and capital ẞ as SS, as upper case writes ß: a member
 * who sends STOP so is unsubscribed, and "GIEẞEN" is Gießen. Pure.
 */

// Latin small capitals, A to Z, as Unicode encodes them; none exists for X (its place holds x, never looked up).
const SMALL_CAPITALS = 'ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘꞯʀꜱᴛᴜᴠᴡxʏᴢ';
const FANCY = /[ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘꞯʀꜱᴛᴜᴠᴡʏᴢẞ]|[\u{1F150}-\u{1F169}\u{1F170}-\u{1F189}]/gu;
// Negative circled (U+1F150…) and negative squared (U+1F170…) capitals, A to Z.
const NEGATIVE_CIRCLED = 0x1f150;
const NEGATIVE_SQUARED = 0x1f170;

function plain(ch: string): string {
  if (ch === 'ẞ') return 'SS';
  const code = ch.codePointAt(0) as number;
  if (code >= NEGATIVE_SQUARED) return String.fromCharCode(65 + code - NEGATIVE_SQUARED);
  if (code >= NEGATIVE_CIRCLED) return String.fromCharCode(65 + code - NEGATIVE_CIRCLED);
  return String.fromCharCode(65 + SMALL_CAPITALS.indexOf(ch));
}

/** The text with these letters as plain ASCII capitals (ẞ as SS); everything else as it was. */
export function plainLatin(text: string): string {
  return text.replace(FANCY, plain);
}
