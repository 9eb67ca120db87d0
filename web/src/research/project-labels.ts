export const PROJECT_STATUSES = ['PLANNED', 'ACTIVE', 'COMPLETED', 'ARCHIVED'] as const;
export const PROJECT_ROLES = ['LEAD', 'ANALYST', 'VIEWER'] as const;

/** An enum value as a word of a sentence: ANALYST -> Analyst. */
export function titleCase(value: string): string {
  return value.charAt(0) + value.slice(1).toLowerCase().replaceAll('_', ' ');
}

/** A DOI's resolver address; the API stores the bare, lowercased DOI. Each character outside the DOI grammar is escaped. */
export function doiUrl(doi: string): string {
  return `https://doi.org/${doi.split('/').map(encodeURIComponent).join('/')}`;
}
