import type { Identity } from '@studbook/platform';
import type { MeasurementService } from './modules/measurement/measurement-service.js';

/** What every research resolver receives; built fresh per request. */
export interface SubgraphContext {
  identity: Identity;
  measurements: MeasurementService;
}
