import { Job } from 'kubernetes-models/batch/v1/Job';
import { configValue, secretValue } from './env-refs.js';
import { imageOf, settings } from './settings.js';
import { CONTAINER_SECURITY, labelsOf, POD_SECURITY } from './workloads.js';

/**
 * The one-off migration: the only workload given the superuser URL. It creates the service databases
 * and the RLS-bound role the services connect as. Named after the image tag, so each release runs its own
 * (a Job's template cannot change); apply it and wait for it before the Deployments of a new release.
 */
export function migrationJob() {
  const labels = labelsOf('migrate');
  return new Job({
    metadata: { name: `studbook-migrate-${settings.imageTag.replaceAll('.', '-')}`, namespace: settings.namespace, labels },
    spec: {
      backoffLimit: 3,
      ttlSecondsAfterFinished: 86_400,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: 'Never',
          securityContext: POD_SECURITY,
          automountServiceAccountToken: false,
          containers: [
            {
              name: 'migrate',
              image: imageOf('migrate'),
              env: [
                secretValue('POSTGRES_URL', 'studbook-database-admin', 'superuser-url'),
                secretValue('DATABASE_APP_PASSWORD', 'studbook-database-admin', 'app-password'),
                configValue('DATABASE_PREFIX'),
                configValue('DATABASE_APP_ROLE'),
              ],
              resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
              securityContext: CONTAINER_SECURITY,
            },
          ],
        },
      },
    },
  });
}
