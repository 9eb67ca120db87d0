import type { IIoK8sApiCoreV1EnvVar } from 'kubernetes-models/v1/EnvVar';

export const CONFIG_MAP = 'studbook-config';

/** An environment variable read from the shared ConfigMap under its own name. */
export function configValue(name: string, optional = false): IIoK8sApiCoreV1EnvVar {
  return { name, valueFrom: { configMapKeyRef: { name: CONFIG_MAP, key: name, ...(optional ? { optional } : {}) } } };
}

/** An environment variable read from one key of a Secret. */
export function secretValue(name: string, secret: string, key: string): IIoK8sApiCoreV1EnvVar {
  return { name, valueFrom: { secretKeyRef: { name: secret, key } } };
}
