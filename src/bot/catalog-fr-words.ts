/** French words both halves of the catalogue use (catalog-fr.ts, catalog-fr-moderators.ts). */
import type { FieldLabels } from './catalog-type';
import type { Category } from './report-dialogue';

export const CATEGORY: Record<Category, string> = {
  violence: 'violence',
  'sexual-assault': 'agression sexuelle',
  robbery: 'vol ou pas payé',
  condom: 'préservatif refusé ou retiré',
  threats: 'menaces',
  harassment: 'harcèlement',
  'time-waster': 'perte de temps',
  'no-show': 'absent ou faux rendez-vous',
  other: 'autre',
};
/** The fields' labels in an alert; a plate after the vehicle's is read as one (identifiers.ts). */
export const LABELS: FieldLabels = { when: 'Quand', where: 'Où', person: 'Personne', vehicle: 'Véhicule', contact: 'Contact' };
