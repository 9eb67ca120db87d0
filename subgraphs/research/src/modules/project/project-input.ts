import { badInput, validId } from '@studbook/platform';
import type { ProjectFields, ProjectRole, ProjectStatus } from './project-store.js';

export const TITLE_MAX_LENGTH = 200;
export const SUMMARY_MAX_LENGTH = 4_000;
export const PROTOCOL_MAX_LENGTH = 100_000;
export const FINDING_MAX_LENGTH = 10_000;
export const PUBLICATION_TITLE_MAX_LENGTH = 500;
export const GRANT_MAX_ANIMALS = 10_000;
export const QUERY_MAX_LENGTH = 200;
const EMAIL_MAX_LENGTH = 254;
const STATUSES: readonly ProjectStatus[] = ['PLANNED', 'ACTIVE', 'COMPLETED', 'ARCHIVED'];
const ROLES: readonly ProjectRole[] = ['LEAD', 'ANALYST', 'VIEWER'];

export interface ProjectInput {
  title?: string | null;
  summary?: string | null;
  protocol?: string | null;
  status?: ProjectStatus | null;
}

function boundedText(value: string, field: string, min: number, max: number): string {
  const trimmed = value.trim();
  if (trimmed.length < min || trimmed.length > max)
    throw badInput(min > 0 ? `${field} must be ${min} to ${max} characters` : `${field} must be at most ${max} characters`, field);
  return trimmed;
}

function validStatus(status: string, field = 'input.status'): ProjectStatus {
  if (!STATUSES.includes(status as ProjectStatus)) throw badInput(`status must be one of ${STATUSES.join(', ')}`, field);
  return status as ProjectStatus;
}

export function validRole(role: string, field = 'role'): ProjectRole {
  if (!ROLES.includes(role as ProjectRole)) throw badInput(`role must be one of ${ROLES.join(', ')}`, field);
  return role as ProjectRole;
}

/** A new project's fields; the protocol is Markdown kept exactly as written (only its length is checked). */
export function validNewProject(input: ProjectInput): ProjectFields {
  if (input.title == null) throw badInput('title is required', 'input.title');
  return mergedProject({ title: '', summary: '', protocol: '', status: 'PLANNED' }, input);
}

/** The project's fields after an update: omitted (or null) fields keep their value. */
export function mergedProject(current: ProjectFields, input: ProjectInput): ProjectFields {
  const protocol = input.protocol ?? current.protocol;
  if (protocol.length > PROTOCOL_MAX_LENGTH) throw badInput(`protocol must be at most ${PROTOCOL_MAX_LENGTH} characters`, 'input.protocol');
  return {
    title: input.title == null ? current.title : boundedText(input.title, 'input.title', 1, TITLE_MAX_LENGTH),
    summary: input.summary == null ? current.summary : boundedText(input.summary, 'input.summary', 0, SUMMARY_MAX_LENGTH),
    protocol,
    status: input.status == null ? current.status : validStatus(input.status),
  };
}

/** An email address as invitations take it: trimmed, lowercased, one @ with something either side. */
export function validEmail(email: string): string {
  const normalised = email.trim().toLowerCase();
  if (normalised.length > EMAIL_MAX_LENGTH || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(normalised)) throw badInput('email must be an email address', 'email');
  return normalised;
}

/**
 * A DOI by its syntax (DOI Handbook 2.2: "10." + a registrant code of digits and dots, "/", a suffix
 * of printable characters), also written as doi:... or a doi.org URL; lowercased, as DOIs compare
 * case-insensitively. Whether it is registered is not checked (that needs the network).
 */
export function validDoi(doi: string, field = 'input.doi'): string {
  const bare = doi
    .trim()
    .replace(/^https?:\/\/(dx\.)?doi\.org\//i, '')
    .replace(/^doi:\s*/i, '');
  if (bare.length > 300 || !/^10\.\d{4,9}(\.\d+)*\/\S+$/.test(bare)) throw badInput('doi must be a DOI such as 10.1186/s12711-019-0497-z', field);
  return bare.toLowerCase();
}

export function validPublicationYear(year: number, now = new Date()): number {
  const latest = now.getUTCFullYear() + 1;
  if (!Number.isInteger(year) || year < 1900 || year > latest) throw badInput(`year must be between 1900 and ${latest}`, 'input.year');
  return year;
}

export function validFindingText(text: string): string {
  return boundedText(text, 'input.text', 1, FINDING_MAX_LENGTH);
}

export function validPublicationTitle(title: string): string {
  return boundedText(title, 'input.title', 1, PUBLICATION_TITLE_MAX_LENGTH);
}

/** A day (the Date scalar has checked its form) that has begun somewhere on earth. */
export function validFoundOn(day: string, now = new Date()): string {
  const latestToday = new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
  if (day > latestToday) throw badInput('foundOn cannot be in the future', 'input.foundOn');
  return day;
}

/** The words a search matches by prefix: letters and digits, lowercased; at most 200 characters asked. */
export function searchWords(query: string | null | undefined): string[] {
  if (query == null) return [];
  if (query.length > QUERY_MAX_LENGTH) throw badInput(`query must be at most ${QUERY_MAX_LENGTH} characters`, 'query');
  return query
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 20);
}

export interface GrantSelection {
  animalIds: string[];
  speciesId: string | null;
  farmId: string | null;
  groupId: string | null;
}

export interface GrantSelectionInput {
  animalIds?: readonly string[] | null;
  species?: string | null;
  farmId?: string | null;
  groupId?: string | null;
}

/**
 * Listed ids (deduplicated, lowercased), and a filter: a species, a farm, a group, or several of them
 * (all must hold); at least something. Whether the animals, farm and group are the caller's is checked by the service.
 */
export function validSelection(selection: GrantSelectionInput): GrantSelection {
  const ids = selection.animalIds ?? [];
  if (ids.length > GRANT_MAX_ANIMALS) throw badInput(`selection.animalIds may list at most ${GRANT_MAX_ANIMALS} animals`, 'selection.animalIds');
  const animalIds = [...new Set(ids.map((id, i) => validId(id, `selection.animalIds[${i}]`).toLowerCase()))];
  const species = selection.species?.trim() || null;
  const farmId = selection.farmId == null ? null : validId(selection.farmId, 'selection.farmId').toLowerCase();
  const groupId = selection.groupId == null ? null : validId(selection.groupId, 'selection.groupId').toLowerCase();
  if (animalIds.length === 0 && !species && !farmId && !groupId) throw badInput('selection must list animals or name a species, a farm or a group', 'selection');
  return { animalIds, speciesId: species, farmId, groupId };
}
