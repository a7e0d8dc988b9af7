/**
 * A one-message report too long for an alert as written, but not once the letters GSM-7 lacks lose their accent,
 * goes folded (report-commands.ts shows the moderators that text, moderator-decisions.ts sends it). A French phone
 * types curly apostrophes ("d’environ"): one alone kept the text UCS-2, so folding the accents saved nothing.
 */
import { alertSegments, fittedReportText } from '../../src/alerts/alert-text';

describe('a one-message report whose accents make it too long', () => {
  it('is folded, its curly apostrophes made plain, when only that makes it fit', () => {
    const said =
      'homme âgé d’environ 50 ans, se fait appeler François. Il m’a frappée dans un hôtel près de la gare samedi soir ' +
      'et est parti sans payer. Il appelle du 514 555 0177 et conduit une Honda Civic grise.';
    expect(alertSegments(['MTL'], said)).toBe(4);
    const sent = fittedReportText(['MTL'], said, 'CA');
    expect(sent).toBe(
      "homme agé d'environ 50 ans, se fait appeler Francois. Il m'a frappée dans un hotel près de la gare samedi soir " +
        'et est parti sans payer. Il appelle du 514 555 0177 et conduit une Honda Civic grise.',
    );
    expect(alertSegments(['MTL'], sent)).toBe(2);
  });

  it('keeps its accents and quotes when it fits with them, and when folding would not make it fit', () => {
    const short = 'homme âgé d’environ 50 ans, Honda Civic grise.';
    expect(fittedReportText(['MTL'], short, 'CA')).toBe(short);
    const long = `${'Il m’a frappée dans un hôtel près de la gare et est parti sans payer. '.repeat(7)}Il appelle du 514 555 0177.`;
    expect(fittedReportText(['MTL'], long, 'CA')).toBe(long);
  });
});
