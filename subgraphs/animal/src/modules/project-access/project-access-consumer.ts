import { hostname } from 'node:os';
import type { EventStream, Logger, PublishedEvent, StreamConsumer, TenantDb, Tx } from '@studbook/platform';
import { projectGrantAnimalsChanged, projectGrantCreated, projectGrantRevoked, projectMemberAdded, projectMemberRemoved } from '@studbook/contracts/events';
import { applyGrant, applyGrantAnimals, applyMembership, applyRevocation } from './project-access-store.js';

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
 * Keeps this database's copy of project memberships, grants and the animal sets of farm grants, which the animals policy
 * (project_grant_read) reads, in step with the research subgraph. Each event is applied under the
 * tenant that wrote it (the project's organisation for memberships, the granting one for grants);
 * handlers are idempotent and ordered by event version, so redelivery is harmless.
 */
export class ProjectAccessConsumer {
  private consumers: StreamConsumer[] = [];

  constructor(private readonly deps: ProjectAccessConsumerDeps) {}

  start(): void {
    const consumer = this.deps.consumerName ?? `${hostname()}-animal`;
    this.consumers = [projectMemberAdded, projectMemberRemoved, projectGrantCreated, projectGrantRevoked, projectGrantAnimalsChanged].map((contract) =>
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
    const { version } = event;
    switch (event.eventType) {
      case projectMemberAdded.name:
        return this.apply(
          event,
          projectMemberAdded.payload.safeParse(event.payload),
          (tx, { projectId, userId }) => applyMembership(tx, { projectId, userId, present: true, version }),
          scope,
        );
      case projectMemberRemoved.name:
        return this.apply(
          event,
          projectMemberRemoved.payload.safeParse(event.payload),
          (tx, { projectId, userId }) => applyMembership(tx, { projectId, userId, present: false, version }),
          scope,
        );
      case projectGrantCreated.name:
        return this.apply(event, projectGrantCreated.payload.safeParse(event.payload), applyGrant, scope);
      case projectGrantRevoked.name:
        return this.apply(event, projectGrantRevoked.payload.safeParse(event.payload), applyRevocation, scope);
      case projectGrantAnimalsChanged.name:
        return this.apply(event, projectGrantAnimalsChanged.payload.safeParse(event.payload), (tx, change) => applyGrantAnimals(tx, change, version), scope);
    }
  }

  private async apply<Payload>(
    event: PublishedEvent,
    parsed: { success: true; data: Payload } | { success: false },
    write: (tx: Tx, payload: Payload) => Promise<void>,
    scope: { tenantId: string; userId: null },
  ): Promise<void> {
    if (!parsed.success) {
      // It will never become valid: acknowledged, with a trace for whoever wrote it.
      this.deps.logger.error('ignored a project access event its contract refuses', { outboxId: event.outboxId, eventType: event.eventType });
      return;
    }
    await this.deps.db.run(scope, (tx) => write(tx, parsed.data));
  }
}
