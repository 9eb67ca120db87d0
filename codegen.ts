import type { Types } from '@graphql-codegen/plugin-helpers';

/**
 * GraphQL Code Generator config: one typed-resolvers file per subgraph, generated from
 * schema/<name>/*.graphql with `npm run codegen` (scripts/codegen.ts) and checked for staleness in tests.
 */
const resolverPlugins = ['typescript', 'typescript-resolvers'];

function subgraph(name: string, mappers: Record<string, string>): Types.ConfiguredOutput & { schema: string } {
  return {
    schema: `schema/${name}/`,
    plugins: resolverPlugins,
    config: {
      federation: true,
      useIndexSignature: true,
      useTypeImports: true,
      enumsAsTypes: true,
      contextType: '../context#SubgraphContext',
      mappers,
      scalars: { ID: 'string', Date: 'string', DateTime: 'Date | string' },
      avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
      maybeValue: 'T | null',
      inputMaybeValue: 'T | null | undefined',
      resolverTypeWrapperSignature: 'T | Promise<T>',
    },
  };
}

const config: { generates: Record<string, Types.ConfiguredOutput & { schema: string }> } = {
  generates: {
    'subgraphs/animal/src/__generated__/resolvers-types.ts': subgraph('animal', {
      Animal: '../modules/animal/animal-row#AnimalRow',
      Species: '../modules/species/species-store#SpeciesRow',
      Organization: '../modules/animal/animal-row#OrganizationRef',
      Gene: '../modules/morphs/gene-catalog#GeneRow',
      BreedingSession: '../modules/breeding/breeding-row#BreedingSessionRow',
      BreedingEvent: '../modules/breeding/breeding-row#BreedingEventRow',
      Clutch: '../modules/breeding/breeding-row#ClutchRow',
      BreedingStat: '../modules/breeding/breeding-row#BreedingStatRow',
    }),
    'subgraphs/commerce/src/__generated__/resolvers-types.ts': subgraph('commerce', {
      Listing: '../modules/listing/listing-store#ListingRow',
      Animal: '../modules/listing/animal-ref#AnimalRef',
    }),
    'subgraphs/research/src/__generated__/resolvers-types.ts': subgraph('research', {
      Measurement: '../modules/measurement/measurement-store#MeasurementRow',
      Animal: '../modules/measurement/animal-ref#AnimalRef',
    }),
    'subgraphs/user/src/__generated__/resolvers-types.ts': subgraph('user', {
      User: '../modules/user/user-store#UserItem',
      Organization: '../modules/organization/organization-store#OrganizationItem',
      OrganizationMembership: '../modules/organization/membership-store#MembershipItem',
      Invitation: '../modules/organization/invitation-store#IssuedInvitation',
      PendingInvitation: '../modules/organization/invitation-store#InvitationItem',
      Session: '../modules/session/session-store#SessionItem',
      Conversation: '../modules/conversation/conversation-store#ConversationItem',
      Message: '../modules/conversation/message-store#MessageItem',
    }),
  },
};

export default config;
