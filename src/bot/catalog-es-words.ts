/** Spanish words both halves of the catalogue use (catalog-es.ts, catalog-es-moderators.ts). */
import type { FieldLabels } from './catalog-type';
import type { Category } from './report-dialogue';

// Reports (issue 11)
export const CATEGORY: Record<Category, string> = {
  violence: 'violencia',
  'sexual-assault': 'agresion sexual',
  robbery: 'robo o no pago',
  condom: 'condon negado o quitado',
  threats: 'amenazas',
  harassment: 'acoso',
  'time-waster': 'perdida de tiempo',
  'no-show': 'no vino o cita falsa',
  other: 'otro',
};
/** The fields' labels in an alert; a plate after the vehicle's is read as one (identifiers.ts). */
export const LABELS: FieldLabels = { when: 'Cuando', where: 'Donde', person: 'Persona', vehicle: 'Vehiculo', contact: 'Contacto' };
