import { benchAuditTrigger } from './audit-trigger-bench.js';
import { benchBreeding } from './breeding-bench.js';
import { benchFederation } from './federation-bench.js';
import { benchGateways } from './gateways-bench.js';
import { benchHardening } from './hardening-bench.js';
import { benchInbreeding } from './inbreeding-bench.js';
import { benchMarketplace } from './marketplace-bench.js';
import { benchMedia } from './media-bench.js';
import { benchMeasurements } from './measurement-bench.js';
import { benchImport } from './import-bench.js';
import { benchPedigree } from './pedigree-bench.js';
import { benchProjects } from './projects-bench.js';
import { benchResearch } from './research-bench.js';
import { benchSubscriptions } from './subscriptions-bench.js';
import type { BenchSuite } from './suite.js';
import { benchUser } from './user-bench.js';

/** Every suite `npm run bench` runs, in order; `npm run bench -- <id> ...` runs only those named. */
export const SUITES: BenchSuite[] = [
  { id: 'federation', title: 'Federated reads (foundation)', run: ({ platform }) => benchFederation(platform) },
  { id: 'inbreeding', title: 'Inbreeding for whole pedigrees', run: () => benchInbreeding() },
  { id: 'pedigree', title: 'Pedigrees through the gateway: cold and warm cache', run: ({ platform }) => benchPedigree(platform) },
  { id: 'import', title: 'Herdbook import (100,000 rows)', run: benchImport },
  { id: 'measurements', title: 'Measurements: a 100,000-row CSV import and time series over 10 million rows', run: benchMeasurements },
  { id: 'audit', title: 'Audit trigger: a 100,000-measurement insert, statement-level against per-row', run: benchAuditTrigger },
  { id: 'breeding', title: 'Breeding sessions: writes, delivery reads, stats refresh', run: benchBreeding },
  { id: 'subscriptions', title: 'Live breeding sessions: 1,000 subscribers over graphql-ws', run: ({ platform }) => benchSubscriptions(platform) },
  { id: 'user', title: 'User subgraph on DynamoDB Local: sign-ins and assistant message appends', run: () => benchUser() },
  { id: 'research', title: 'Breeding values: single-trait BLUP animal model (PCG, iteration on data)', standalone: true, run: benchResearch },
  { id: 'media', title: 'Animal media: 12-MP photos to thumbnails, pedigree certificates', run: ({ platform }) => benchMedia(platform) },
  { id: 'gateways', title: 'Gateways compared: Studbook, @apollo/gateway and Hive Gateway JS on the same subgraphs', run: benchGateways },
  { id: 'marketplace', title: 'Marketplace search over 100,000 listings, and the sale saga', run: benchMarketplace },
  { id: 'projects', title: 'Research projects: reads through data-sharing grants, and revocation', run: ({ platform }) => benchProjects(platform) },
  { id: 'hardening', title: 'Operation budgets: a simple query while 8 clients send over-budget bombs', run: benchHardening },
];
