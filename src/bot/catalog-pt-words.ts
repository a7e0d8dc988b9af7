/** Portuguese words both halves of the catalogue use (catalog-pt.ts, catalog-pt-moderators.ts). */
import type { FieldLabels } from './catalog-type';
import type { Category } from './report-dialogue';

export const CATEGORY: Record<Category, string> = {
  violence: 'violencia',
  'sexual-assault': 'agressao sexual',
  robbery: 'roubo ou nao pagou',
  condom: 'camisinha recusada ou tirada',
  threats: 'ameacas',
  harassment: 'assedio ou perseguicao',
  'time-waster': 'perda de tempo',
  'no-show': 'nao veio ou encontro falso',
  other: 'outro',
};
/** The fields' labels in an alert; a plate after the vehicle's is read as one (identifiers.ts). */
export const LABELS: FieldLabels = { when: 'Quando', where: 'Onde', person: 'Pessoa', vehicle: 'Veiculo', contact: 'Contato' };
