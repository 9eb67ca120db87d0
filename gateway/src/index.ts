// The gateway's entry point: tracing when configured, then the gateway (main.ts).
// Tracing first: its module hooks must be in place before pg, ioredis and the AWS SDK are imported (main.ts).
import { startTracing } from '@studbook/platform/tracing';

await startTracing('studbook-gateway');
await import('./main.js');
