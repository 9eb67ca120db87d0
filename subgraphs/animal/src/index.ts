// The animal subgraph's entry point: tracing when configured, then the service (main.ts).
// Tracing first: its module hooks must be in place before pg, ioredis and the AWS SDK are imported (main.ts).
import { startTracing } from '@studbook/platform/tracing';

await startTracing('studbook-animal');
await import('./main.js');
