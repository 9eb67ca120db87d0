import { hostname } from 'node:os';
import type { EventStream, Logger, PublishedEvent, StreamConsumer, TenantDb } from '@studbook/platform';
import { projectGrantCreated, projectGrantRevoked, projectMemberAdded, projectMemberRemoved } from '@studbook/contracts/events';
import { applyGrant, applyMembership, applyRevocation } from './project-access-store.js';

export interface ProjectAccessConsumerDeps {
  db: TenantDb;
  stream: EventStream;
  logger: Logger;
  /** Stable per instance, so a restarted instance resumes what it had read but not applied. */
  consumerName?: string;
}

/** The consumer group every animal instance joins: each membership or grant change is applied by one of them, at least once. */
export const PROJECT_ACCESS_GROUP = 'animal-project-access';

/**
 * Keeps this database's copy of project memberships and grants, which the animals policy
 * (project_grant_read) reads, in step with the research subgraph. Each event is applied under the
 * tenant that wrote it (the project's organisation for memberships, the granting one for grants);
 * handlers are idempotent and ordered by event version, so redelivery is harmless.
 */
export class ProjectAccessConsumer {
  private consumers: StreamConsumer[] = [];

  constructor(private readonly deps: ProjectAccessConsumerDeps) {}

  start(): void {
    const consumer = this.deps.consumerName ?? `${hostname()}-animal`;
    this.consumers = [projectMemberAdded, projectMemberRemoved, projectGrantCreated, projectGrantRevoked].map((contract) =>
      this.deps.stream.consume({
        eventType: contract.name,
        group: PROJECT_ACCESS_GROUP,
        consumer,
        logger: this.deps.logger,
        retryDelayMs: 200,
        handle: (event) => this.handle(event),
      }),
    );
  }

  async stop(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
  }

  async handle(event: PublishedEvent): Promise<void> {
    const scope = { tenantId: event.tenantId, userId: null };
    try {
      switch (event.eventType) {
        case projectMemberAdded.name: {
          const { projectId, userId } = projectMemberAdded.payload.parse(event.payload);
          return await this.deps.db.run(scope, (tx) => applyMembership(tx, { projectId, userId, present: true, version: event.version }));
        }
        case projectMemberRemoved.name: {
          const { projectId, userId } = projectMemberRemoved.payload.parse(event.payload);
          return await this.deps.db.run(scope, (tx) => applyMembership(tx, { projectId, userId, present: false, version: event.version }));
        }
        case projectGrantCreated.name:
          return await this.deps.db.run(scope, (tx) => applyGrant(tx, projectGrantCreated.payload.parse(event.payload)));
        case projectGrantRevoked.name:
          return await this.deps.db.run(scope, (tx) => applyRevocation(tx, projectGrantRevoked.payload.parse(event.payload)));
      }
    } catch (error) {
      // A payload its contract refuses will never become valid: acknowledged, with a trace. Anything else is retried.
      if ((error as Error).name !== 'ZodError') throw error;
      this.deps.logger.error('ignored a project access event its contract refuses', { outboxId: event.outboxId, eventType: event.eventType });
    }
  }
}
