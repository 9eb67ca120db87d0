import type { animals } from '@studbook/drizzle/animal';

/** An animal as stored; resolvers map it to the GraphQL Animal. */
export type AnimalRow = typeof animals.$inferSelect;

/** A reference to an organisation that the user subgraph resolves. */
export interface OrganizationRef {
  id: string;
}
