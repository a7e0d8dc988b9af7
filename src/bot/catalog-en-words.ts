/** English words both halves of the catalogue use (catalog-en.ts, catalog-en-moderators.ts). */
import type { FieldLabels } from './catalog-type';
import type { Category } from './report-dialogue';

// Reports (issue 11)
export const CATEGORY: Record<Category, string> = {
  violence: 'violence',
  'sexual-assault': 'sexual assault',
  robbery: "robbery or didn't pay",
  condom: 'condom refused or removed',
  threats: 'threats',
  harassment: 'harassment or stalking',
  'time-waster': 'time-waster',
  'no-show': 'no-show or fake booking',
  other: 'other',
};
/** The fields' labels in an alert; a plate after the vehicle's is read as one (identifiers.ts). */
export const LABELS: FieldLabels = { when: 'When', where: 'Where', person: 'Person', vehicle: 'Vehicle', contact: 'Contact' };
