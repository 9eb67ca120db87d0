import { configurationObjects } from './configuration.js';
import { DEPLOYABLES } from './deployables.js';
import { migrationJob } from './migration-job.js';
import { workloadOf } from './workloads.js';

/** The rendered files, in the order an operator applies them (README.md beside this file). */
export function manifestFiles() {
  return {
    '00-configuration.yaml': configurationObjects(),
    '10-migrate-job.yaml': [migrationJob()],
    '20-services.yaml': DEPLOYABLES.flatMap(workloadOf),
  };
}
