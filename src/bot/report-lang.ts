/**
 * LANG in a guided report (LANG FR, or LANG alone): no answer. The open question is asked again in
 * the language now hers (after the list of languages, for LANG alone), and the report goes on in it.
 * A language's name alone (ESPAÑOL) stays an answer: it may describe the person.
 */
import type { Conversation } from '../store/conversations';
import { LANGS } from './catalog';
import type { Asker, Outcome, Store } from './handler';
import { filerOf, question, type ReportRules } from './report-commands';
import { draftConversation, draftOf } from './report-dialogue';

export function reportLang(store: Store, who: Asker, rules: ReportRules, conversation: Conversation, listLangs: boolean, now: number): Outcome {
  const draft = draftOf(conversation);
  if (!draft) return { say: who.t.reportCancelled(), converse: 'end' };
  // DONE was told the report needs an area: that is the question open.
  const again =
    draft.filing === true && draft.step === 'where'
      ? who.t.reportDoneNeedsArea(rules.regions.listed(), rules.regions.example() ?? undefined)
      : question(store, who.t, rules, filerOf(who), draft);
  const langs = listLangs ? `${who.t.badLang(LANGS.map((l) => l.toUpperCase()))} ` : '';
  // Her language is already hers (remember-language); someone with no row keeps it with the conversation.
  return { say: `${langs}${again}`, converse: draftConversation(draft, who.lang, now, conversation.answers) };
}
