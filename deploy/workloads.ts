import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { Service } from 'kubernetes-models/v1/Service';
import type { IIoK8sApiCoreV1Container } from 'kubernetes-models/v1/Container';
import type { IIoK8sApiCoreV1PodSecurityContext } from 'kubernetes-models/v1/PodSecurityContext';
import type { Deployable } from './deployables.js';
import { imageOf, LABEL_PART_OF, settings } from './settings.js';

/** The node user of the image (uid 1000): nothing runs as root, nothing is written to the image. */
export const POD_SECURITY: IIoK8sApiCoreV1PodSecurityContext = { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } };
export const CONTAINER_SECURITY: IIoK8sApiCoreV1Container['securityContext'] = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
};

export function labelsOf(component: string): Record<string, string> {
  return { 'app.kubernetes.io/name': `studbook-${component}`, 'app.kubernetes.io/component': component, 'app.kubernetes.io/part-of': LABEL_PART_OF };
}

function container(deployable: Deployable): IIoK8sApiCoreV1Container {
  const probe = (path: string) => ({ httpGet: { path, port: 'http' }, periodSeconds: 10, timeoutSeconds: 3 });
  return {
    name: deployable.name,
    image: imageOf(deployable.name),
    ports: [{ name: 'http', containerPort: deployable.port }],
    env: [{ name: 'PORT', value: String(deployable.port) }, ...deployable.env],
    // Alive: the process answers. Ready: its own stores answer (the gateway: its supergraph is loaded).
    livenessProbe: { ...probe('/health'), failureThreshold: 3 },
    readinessProbe: { ...probe('/ready'), failureThreshold: 2 },
    startupProbe: { ...probe('/health'), periodSeconds: 2, failureThreshold: 60 },
    resources: {
      requests: { cpu: deployable.resources.cpu, memory: deployable.resources.memory },
      limits: { cpu: deployable.resources.cpuLimit, memory: deployable.resources.memoryLimit },
    },
    // Endpoints drop a terminating pod a moment after SIGTERM is sent; waiting first loses no request in flight.
    lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } },
    securityContext: CONTAINER_SECURITY,
  };
}

/** A Deployment, its Service, an autoscaler and a disruption budget: every deployable is stateless (its state is in the stores). */
export function workloadOf(deployable: Deployable) {
  const name = `studbook-${deployable.name}`;
  const labels = labelsOf(deployable.name);
  const metadata = { name, namespace: settings.namespace, labels };
  return [
    new Deployment({
      metadata,
      spec: {
        replicas: deployable.replicas.min,
        selector: { matchLabels: labels },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
        template: {
          metadata: { labels },
          spec: {
            securityContext: POD_SECURITY,
            automountServiceAccountToken: false,
            terminationGracePeriodSeconds: 30,
            containers: [container(deployable)],
            // Spread replicas over nodes, so one node's loss leaves the others serving.
            topologySpreadConstraints: [
              { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: labels } },
            ],
          },
        },
      },
    }),
    new Service({ metadata, spec: { selector: labels, ports: [{ name: 'http', port: deployable.port, targetPort: 'http' }] } }),
    new HorizontalPodAutoscaler({
      metadata,
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
        minReplicas: deployable.replicas.min,
        maxReplicas: deployable.replicas.max,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
      },
    }),
    new PodDisruptionBudget({ metadata, spec: { maxUnavailable: 1, selector: { matchLabels: labels } } }),
  ];
}
