// `npm start`'s entry point: tracing when configured (one service, the whole platform), then the platform (main.ts).
// Tracing first: its module hooks must be in place before pg, ioredis and the AWS SDK are imported (main.ts).
import { startTracing } from '@studbook/platform/tracing';

await startTracing('studbook');
await import('./main.js');
