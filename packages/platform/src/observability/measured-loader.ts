import DataLoader from 'dataloader';
import { BATCH_SIZE_BUCKETS } from '../metrics.js';
import { currentRequest } from '../logging/request-context.js';

export const BATCH_SIZE_METRIC = 'studbook_dataloader_batch_size';

/**
 * A DataLoader whose batches are counted by size under `name` (e.g. `animal.animalById`): a size
 * stuck at 1 is an N+1 that batching should have removed. The metrics are the serving request's
 * (attached by the subgraph's HTTP server), so loaders keep taking only their stores.
 */
export function measuredLoader<K, V, C = K>(name: string, batch: DataLoader.BatchLoadFn<K, V>, options?: DataLoader.Options<K, V, C>): DataLoader<K, V, C> {
  return new DataLoader<K, V, C>((keys) => {
    const request = currentRequest();
    request?.metrics?.observe(BATCH_SIZE_METRIC, 'Keys per DataLoader batch', { loader: name }, keys.length, BATCH_SIZE_BUCKETS);
    return batch(keys);
  }, options);
}
