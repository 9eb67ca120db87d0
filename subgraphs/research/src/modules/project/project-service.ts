import {
  appendEvent,
  badInput,
  ErrorCode,
  forbidden,
  hashSessionToken,
  newSessionToken,
  parseCreatedAtCursor,
  requireUser,
  requireWriter,
  toConnection,
  userError,
  validId,
  validPageSize,
  type Identity,
  type TenantDb,
  type TenantScope,
  type Tx,
  type UserIdentity,
} from '@studbook/platform';
import {
  projectCreated,
  projectFindingAdded,
  projectGrantCreated,
  projectGrantRevoked,
  projectMemberAdded,
  projectMemberInvited,
  projectMemberRemoved,
  projectMemberRoleChanged,
  projectPublicationAdded,
  projectUpdated,
} from '@studbook/contracts/events';
import { DIRECTORY_BATCH, type AnimalDirectory, type AnimalSummary } from '@studbook/contracts/animal-directory';
import {
  mergedProject,
  searchWords,
  validDoi,
  validEmail,
  validFindingText,
  validFoundOn,
  validNewProject,
  validPublicationTitle,
  validPublicationYear,
  validRole,
  validSelection,
  type GrantSelection,
  type GrantSelectionInput,
  type ProjectInput,
} from './project-input.js';
import { animalsMissingSpecies, fillMissingSpecies } from '../measurement/measurement-species.js';
import type { FarmService } from '../farm/farm-service.js';
import { coverAssignedAnimals } from './grant-coverage.js';
import type { ProjectLoaders } from './project-loaders.js';
import * as store from './project-store.js';
import type { CreatedInvitation, FindingRow, GrantRow, MemberRow, ProjectRole, ProjectRow, PublicationRow } from './project-store.js';

export interface ProjectServiceDeps {
  db: TenantDb;
  identity: Identity;
  scope: TenantScope | null;
  loaders: ProjectLoaders;
  /** The animal subgraph, as the caller: a grant may list only the caller's organisation's own animals. */
  animals: AnimalDirectory;
  /** The caller's organisation's farms and groups (null for any other's): a farm or group grant may name only those. */
  farms: Pick<FarmService, 'byId' | 'groupById'>;
}

const MANAGERS = new Set(['OWNER', 'ADMIN']);
const projectNotFound = (field: string) => userError(ErrorCode.NotFound, 'Research project not found', { field });

/** Research projects, their members, findings, publications and data-sharing grants, for one request and one caller. */
export class ProjectService {
  constructor(private readonly deps: ProjectServiceDeps) {}

  async search(args: { query?: string | null; first?: number | null; after?: string | null }) {
    const words = searchWords(args.query);
    const limit = validPageSize(args.first);
    const after = args.after ? parseCreatedAtCursor(args.after) : null;
    const { scope, db } = this.deps;
    if (!scope) return toConnection({ rows: [], hasNextPage: false });
    const rows = await db.read(scope, (tx) => store.findProjectPage(tx, { words, after, limit }));
    return toConnection({ rows: rows.slice(0, limit), hasNextPage: rows.length > limit });
  }

  byId(id: string): Promise<ProjectRow | null> {
    return this.deps.loaders.projectById.load(id);
  }

  members(project: ProjectRow): Promise<MemberRow[]> {
    return this.deps.loaders.membersByProjectId.load(project.id);
  }

  findings(project: ProjectRow): Promise<FindingRow[]> {
    return this.deps.loaders.findingsByProjectId.load(project.id);
  }

  publications(project: ProjectRow): Promise<PublicationRow[]> {
    return this.deps.loaders.publicationsByProjectId.load(project.id);
  }

  grants(project: ProjectRow): Promise<GrantRow[]> {
    return this.deps.loaders.grantsByProjectId.load(project.id);
  }

  /** How many animals a farm or group grant covers now, for its granting organisation only (which animals is its business). */
  async animalsCovered(grant: GrantRow): Promise<number | null> {
    if (!grant.farmId || this.deps.scope?.tenantId !== grant.tenantId) return null;
    return this.deps.loaders.coveredCountByGrantId.load(grant.id);
  }

  async myRole(project: ProjectRow): Promise<ProjectRole | null> {
    const { identity } = this.deps;
    if (identity.kind !== 'user') return null;
    return (await this.members(project)).find((member) => member.userId === identity.userId)?.role ?? null;
  }

  async create(input: ProjectInput): Promise<ProjectRow> {
    const fields = validNewProject(input);
    const caller = requireWriter(this.deps.identity);
    return this.deps.db.run({ tenantId: caller.organizationId, userId: caller.userId }, async (tx) => {
      const row = await store.insertProject(tx, fields);
      await store.insertMember(tx, { projectId: row.id, userId: caller.userId, organizationId: caller.organizationId, email: null, role: 'LEAD' });
      await appendEvent(tx, projectCreated, { aggregateId: row.id, payload: { id: row.id, title: row.title, status: row.status } });
      await appendEvent(tx, projectMemberAdded, {
        aggregateId: row.id,
        payload: { projectId: row.id, userId: caller.userId, organizationId: caller.organizationId, role: 'LEAD' },
      });
      return row;
    });
  }

  async update(id: string, input: ProjectInput): Promise<ProjectRow> {
    const projectId = validId(id, 'id');
    return this.manage(projectId, 'id', async (tx, project) => {
      const row = (await store.updateProject(tx, projectId, mergedProject(project, input)))!;
      await appendEvent(tx, projectUpdated, { aggregateId: row.id, payload: { id: row.id, title: row.title, status: row.status } });
      return row;
    });
  }

  async invite(args: { projectId: string; email: string; role: string }): Promise<CreatedInvitation> {
    const projectId = validId(args.projectId, 'projectId');
    const email = validEmail(args.email);
    const role = validRole(args.role);
    return this.manage(projectId, 'projectId', async (tx, _project, caller) => {
      const token = newSessionToken();
      const row = await store.insertInvitation(tx, { projectId, email, role, tokenHash: hashSessionToken(token), invitedBy: caller.userId });
      await appendEvent(tx, projectMemberInvited, { aggregateId: projectId, payload: { projectId, invitationId: row.id, role } });
      return { id: row.id, email: row.email, role: row.role, expiresAt: row.expiresAt, token };
    });
  }

  /**
   * The invitee joins under the project's organisation: the invitation is that organisation's
   * authority to add them, so the membership and its event are its rows, as if a LEAD had added them.
   */
  async accept(token: string): Promise<MemberRow> {
    const caller = requireUser(this.deps.identity);
    const trimmed = token.trim();
    if (!trimmed || trimmed.length > 100) throw badInput('token must be an invitation token', 'token');
    const tokenHash = hashSessionToken(trimmed);
    const invitation = await this.deps.db.run(this.scopeOf(caller), (tx) => store.findPendingInvitation(tx, tokenHash));
    if (!invitation) throw userError(ErrorCode.NotFound, 'This invitation does not exist, was used or has expired', { field: 'token' });
    return this.deps.db.run({ tenantId: invitation.tenantId, userId: caller.userId }, async (tx) => {
      if (!(await store.spendInvitation(tx, invitation.id, caller.userId))) throw userError(ErrorCode.NotFound, 'This invitation was just used', { field: 'token' });
      const member = await store.insertMember(tx, {
        projectId: invitation.projectId,
        userId: caller.userId,
        organizationId: caller.organizationId,
        email: invitation.email,
        role: invitation.role,
      });
      if (!member) throw userError(ErrorCode.Conflict, 'You are already a member of this project', { field: 'token' });
      await appendEvent(tx, projectMemberAdded, {
        aggregateId: invitation.projectId,
        payload: { projectId: invitation.projectId, userId: caller.userId, organizationId: caller.organizationId, role: invitation.role },
      });
      return member;
    });
  }

  async removeMember(args: { projectId: string; userId: string }): Promise<string> {
    const projectId = validId(args.projectId, 'projectId');
    const userId = validId(args.userId, 'userId');
    return this.manage(projectId, 'projectId', async (tx) => {
      const member = await store.findMember(tx, projectId, userId);
      if (!member) throw userError(ErrorCode.NotFound, 'No such member of this project', { field: 'userId' });
      if (member.role === 'LEAD' && (await store.countLeads(tx, projectId)) === 1)
        throw userError(ErrorCode.Conflict, 'A project keeps at least one LEAD', { field: 'userId' });
      await store.deleteMember(tx, projectId, userId);
      await appendEvent(tx, projectMemberRemoved, { aggregateId: projectId, payload: { projectId, userId } });
      return userId;
    });
  }

  async changeRole(args: { projectId: string; userId: string; role: string }): Promise<MemberRow> {
    const projectId = validId(args.projectId, 'projectId');
    const userId = validId(args.userId, 'userId');
    const role = validRole(args.role);
    return this.manage(projectId, 'projectId', async (tx) => {
      const member = await store.findMember(tx, projectId, userId);
      if (!member) throw userError(ErrorCode.NotFound, 'No such member of this project', { field: 'userId' });
      if (member.role === 'LEAD' && role !== 'LEAD' && (await store.countLeads(tx, projectId)) === 1) {
        throw userError(ErrorCode.Conflict, 'A project keeps at least one LEAD', { field: 'role' });
      }
      const row = (await store.setMemberRole(tx, projectId, userId, role))!;
      await appendEvent(tx, projectMemberRoleChanged, { aggregateId: projectId, payload: { projectId, userId, role } });
      return row;
    });
  }

  async addFinding(projectId: string, input: { text: string; foundOn: string }): Promise<FindingRow> {
    const id = validId(projectId, 'projectId');
    const finding = { text: validFindingText(input.text), foundOn: validFoundOn(input.foundOn) };
    return this.manage(
      id,
      'projectId',
      async (tx, _project, caller) => {
        const row = await store.insertFinding(tx, { projectId: id, ...finding, createdBy: caller.userId });
        await appendEvent(tx, projectFindingAdded, { aggregateId: id, payload: { projectId: id, findingId: row.id, foundOn: row.foundOn } });
        return row;
      },
      ['LEAD', 'ANALYST'],
    );
  }

  async addPublication(projectId: string, input: { doi: string; title: string; year: number }): Promise<PublicationRow> {
    const id = validId(projectId, 'projectId');
    const publication = { doi: validDoi(input.doi), title: validPublicationTitle(input.title), year: validPublicationYear(input.year) };
    return this.manage(id, 'projectId', async (tx) => {
      const row = await store.insertPublication(tx, { projectId: id, ...publication });
      if (!row) throw userError(ErrorCode.Conflict, 'The project already lists this DOI', { field: 'input.doi' });
      await appendEvent(tx, projectPublicationAdded, { aggregateId: id, payload: { projectId: id, publicationId: row.id, doi: row.doi, year: row.year } });
      return row;
    });
  }

  async grant(args: { projectId: string; selection: GrantSelectionInput }): Promise<GrantRow> {
    const projectId = validId(args.projectId, 'projectId');
    const selection = validSelection(args.selection);
    const caller = this.requireManager();
    if (!(await this.byId(projectId))) throw projectNotFound('projectId');
    if (selection.speciesId && !(await this.deps.animals.speciesIds()).has(selection.speciesId)) {
      throw badInput(`species "${selection.speciesId}" is not in the species catalog`, 'selection.species');
    }
    const farmId = await this.grantedFarm(selection);
    // Asked as the caller, DIRECTORY_BATCH at a time: an animal they cannot see, or another organisation's, is refused.
    const found = await this.lookupAnimals(selection.animalIds);
    selection.animalIds.forEach((animalId, i) => {
      if (found.get(animalId)?.ownerId !== caller.organizationId)
        throw badInput('selection.animalIds may list only your organisation’s own animals', `selection.animalIds[${i}]`);
    });
    const missingSpecies = selection.speciesId ? await this.speciesOfUnlabelledMeasurements(caller) : new Map<string, string>();
    return this.deps.db.run(this.scopeOf(caller), async (tx) => {
      await fillMissingSpecies(tx, missingSpecies);
      const row = await store.insertGrant(tx, {
        projectId,
        animalIds: selection.animalIds,
        speciesId: selection.speciesId,
        farmId,
        groupId: selection.groupId,
        grantedBy: caller.userId,
      });
      await appendEvent(tx, projectGrantCreated, {
        aggregateId: row.id,
        payload: { id: row.id, projectId, animalIds: row.animalIds, speciesId: row.speciesId, farmId: row.farmId, groupId: row.groupId },
      });
      if (farmId) await coverAssignedAnimals(tx, { id: row.id, projectId, farmId, groupId: row.groupId });
      return row;
    });
  }

  /** The farm a farm or group grant follows (a group's own farm): the caller's organisation's, else NOT_FOUND on the field. */
  private async grantedFarm(selection: GrantSelection): Promise<string | null> {
    const { farms } = this.deps;
    if (selection.farmId && !(await farms.byId(selection.farmId))) throw userError(ErrorCode.NotFound, 'Farm not found', { field: 'selection.farmId' });
    if (!selection.groupId) return selection.farmId;
    const group = await farms.groupById(selection.groupId);
    if (!group) throw userError(ErrorCode.NotFound, 'Group not found', { field: 'selection.groupId' });
    if (selection.farmId && group.farmId !== selection.farmId) throw badInput('The group belongs to another farm', 'selection.groupId');
    return group.farmId;
  }

  private async lookupAnimals(ids: readonly string[]): Promise<Map<string, AnimalSummary>> {
    const found = new Map<string, AnimalSummary>();
    for (let i = 0; i < ids.length; i += DIRECTORY_BATCH) {
      for (const [id, animal] of await this.deps.animals.lookup(ids.slice(i, i + DIRECTORY_BATCH))) found.set(id, animal);
    }
    return found;
  }

  /**
   * The species of the caller's organisation's animals whose older measurements carry none, so that a
   * species grant shares them too; asked as the caller (a manager, who sees all the organisation's animals).
   */
  private async speciesOfUnlabelledMeasurements(caller: UserIdentity): Promise<Map<string, string>> {
    const animalIds = await this.deps.db.run(this.scopeOf(caller), (tx) => animalsMissingSpecies(tx));
    const found = await this.lookupAnimals(animalIds);
    return new Map([...found].flatMap(([id, animal]) => (animal.ownerId === caller.organizationId ? [[id, animal.speciesId] as const] : [])));
  }

  async revokeGrant(id: string): Promise<boolean> {
    const grantId = validId(id, 'id');
    const caller = this.requireManager();
    return this.deps.db.run(this.scopeOf(caller), async (tx) => {
      const row = await store.revokeGrant(tx, grantId, caller.organizationId);
      if (!row) {
        if (await store.grantExists(tx, grantId, caller.organizationId)) return false;
        throw userError(ErrorCode.NotFound, 'Grant not found', { field: 'id' });
      }
      await appendEvent(tx, projectGrantRevoked, { aggregateId: row.id, payload: { id: row.id, projectId: row.projectId } });
      return true;
    });
  }

  async grantsGiven(args: { first?: number | null; after?: string | null }) {
    const limit = validPageSize(args.first);
    const after = args.after ? parseCreatedAtCursor(args.after) : null;
    const { scope, db } = this.deps;
    if (!scope) return toConnection({ rows: [], hasNextPage: false });
    const rows = await db.read(scope, (tx) => store.findGrantsGiven(tx, scope.tenantId, after, limit));
    return toConnection({ rows: rows.slice(0, limit), hasNextPage: rows.length > limit });
  }

  /**
   * Runs a change of a project's records under the project's organisation (they are its rows, and
   * its audit log's), once the caller is found, in the same transaction, to be allowed: a member
   * with one of `roles`, or a manager of the owning organisation.
   */
  private async manage<T>(
    projectId: string,
    field: string,
    work: (tx: Tx, project: ProjectRow, caller: UserIdentity) => Promise<T>,
    roles: ProjectRole[] = ['LEAD'],
  ): Promise<T> {
    const caller = requireWriter(this.deps.identity);
    const visible = await this.byId(projectId);
    if (!visible) throw projectNotFound(field);
    return this.deps.db.run({ tenantId: visible.tenantId, userId: caller.userId }, async (tx) => {
      const project = await store.lockProject(tx, projectId);
      if (!project) throw projectNotFound(field);
      const role = await store.callerRole(tx, projectId);
      const ownManager = caller.organizationId === project.tenantId && MANAGERS.has(caller.role);
      if (!ownManager && !(role && roles.includes(role))) throw forbidden(`Only a project ${roles.join(' or ')} or a manager of its organisation may do this`);
      return work(tx, project, caller);
    });
  }

  private requireManager(): UserIdentity {
    const caller = requireUser(this.deps.identity);
    if (!MANAGERS.has(caller.role)) throw forbidden('Only an OWNER or ADMIN may share or stop sharing their organisation’s animals');
    return caller;
  }

  private scopeOf(caller: UserIdentity): TenantScope {
    return { tenantId: caller.organizationId, userId: caller.userId };
  }
}
