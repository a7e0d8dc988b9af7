/**
 * The vehicle a plate belongs to, named between the plate word and the plate
 * ("plate on his silver honda civic ABC123", "placa de su camioneta roja es
 * ABC 1234", "plaque de sa voiture AB-123-CD"): its words are blanked, so the
 * plate reader does not take them for the plate's groups. Pure; plates.ts
 * reads the plates.
 */

/** The words that say a plate ("plate", "placa", "plaque", "tag"…), as plates.ts reads them. */
export const PLATE_WORD = String.raw`plates?|placas?|plaques?|immatriculation|tags?|lic(?:ense|ence)?|matr[ií]culas?|patente|reg(?:istration)?`;

// Whose vehicle: "on his", "of the", "del", "de la", "de su", "de sa", "do", "da", "du", "de l'".
const OWNER = String.raw`(?:del|de\s+(?:la|las|los|su|sus|sa|son|leur|ce|cette|esa|ese|este|esta)|do|da|du|dessa|desse|of\s+(?:the|his|her|their|that|this|a|an)|on\s+(?:the|his|her|their|that|this|a|an))(?![\p{L}\p{N}])|de\s+l['’](?=\p{L})`;
const OWNER_AFTER_PLATE_WORD = new RegExp(String.raw`\b(?:${PLATE_WORD})\b[\s:#.,-]*(?:${OWNER})`, 'giu');
// The vehicle's next word: letters only, whole (not the letters that start "abc123").
const NEXT_WORD = /\s*(\p{L}+)(?![\p{L}\p{N}])/uy;
// Vehicles, in any case ("PLACA DEL CARRO", "black SUV").
const VEHICLES = new Set(
  'carro coche auto vehiculo vehículo camioneta camion camión car truck van suv pickup minivan jeep voiture camionnette caminhao caminhão moto'.split(' '),
);
// Short words of a vehicle (colours, makes) taken though under four letters.
const SHORT_WORDS = new Set('red tan old new big kia bmw vw gmc ram mini'.split(' '));
// Words that end the vehicle: a linking, number or negating word, or a small word of the sentence ("of", "at").
const NOT_VEHICLE = new Set(
  'de is was are read reads es era fue é e est etait était foi not no pas nao não num number numero número núm he she it him his her their at on in by to of or and near the a an with from for en y o el la los las con cerca por para del al et ou le les sur pour avec dans au em os as com perto na da do'.split(
    ' ',
  ),
);

/** Whether a word describes the vehicle: a vehicle, or a word of four letters or more, or a short one known, not in capitals. */
function vehicleWord(word: string): boolean {
  const lower = word.toLowerCase();
  if (VEHICLES.has(lower)) return true;
  if (NOT_VEHICLE.has(lower)) return false;
  // A word in capitals may be the plate's first group ("plaque de sa voiture AB 123 CD").
  return word !== word.toUpperCase() && (word.length >= 4 || SHORT_WORDS.has(lower));
}

/** The text with the vehicle named after each plate word blanked (same length: positions stay those of the text). */
export function vehiclesBlanked(text: string): string {
  let out = text;
  for (const m of text.matchAll(OWNER_AFTER_PLATE_WORD)) {
    const owner = (m.index ?? 0) + m[0].length;
    let end = owner;
    NEXT_WORD.lastIndex = end;
    // As many words as describe it: "his silver honda civic", "sa petite voiture grise", "his big old red rusty chevy".
    for (let w = NEXT_WORD.exec(text); w !== null && vehicleWord(w[1] as string); w = NEXT_WORD.exec(text)) end = NEXT_WORD.lastIndex;
    if (end === owner) continue;
    // The plate word stays: from its owner ("on his") to the vehicle's last word.
    const from = (m.index ?? 0) + /^\p{L}+/u.exec(m[0])![0].length;
    out = out.slice(0, from) + ' '.repeat(end - from) + out.slice(end);
  }
  return out;
}
