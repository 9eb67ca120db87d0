import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset';
import type { Types } from '@graphql-codegen/plugin-helpers';

/**
 * GraphQL Code Generator config: one typed-resolvers file per subgraph, generated from
 * schema/<name>/*.graphql, and the typed operations of tests/, generated from the supergraph's API
 * schema, with `npm run codegen` (scripts/codegen.ts) and checked for staleness in tests.
 */
const resolverPlugins = ['typescript', 'typescript-resolvers'];

/** One output; document transforms are given as objects (scripts/codegen-run.ts calls the preset itself). */
type Output = Omit<Types.ConfiguredOutput, 'documentTransforms'> & { schema: string; documentTransforms?: Types.ConfiguredDocumentTransform[] };

function subgraph(name: string, mappers: Record<string, string>): Output {
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

const config: { generates: Record<string, Output> } = {
  generates: {
    'subgraphs/animal/src/__generated__/resolvers-types.ts': subgraph('animal', {
      Animal: '../modules/animal/animal-row#AnimalRow',
      Species: '../modules/animal/species-catalog#SpeciesRow',
      Organization: '../modules/animal/animal-row#OrganizationRef',
      Gene: '../modules/morphs/gene-catalog#GeneRow',
      BreedingSession: '../modules/breeding/breeding-row#BreedingSessionRow',
      BreedingEvent: '../modules/breeding/breeding-row#BreedingEventRow',
      Clutch: '../modules/breeding/breeding-row#ClutchRow',
      BreedingStat: '../modules/breeding/breeding-row#BreedingStatRow',
      Ownership: '../modules/ownership/ownership-store#OwnershipRow',
      AnimalTransfer: '../modules/ownership/ownership-store#TransferRow',
      MediaItem: '../modules/media/media-row#MediaRow',
      GrantRead: '../modules/project-access/project-access-service#GrantReadEntry',
    }),
    'subgraphs/commerce/src/__generated__/resolvers-types.ts': subgraph('commerce', {
      Listing: '../modules/listing/listing-store#ListingRow',
      Sale: '../modules/sale/sale-store#SaleRow',
      Animal: '@studbook/contracts/animal-directory#AnimalRef',
      Review: '../modules/review/review-store#ReviewRow',
      SellerReputation: '../modules/review/review-store#SellerReputationOf',
      Organization: '../modules/review/review-store#OrganizationRef',
      SavedSearch: '../modules/saved-search/saved-search-store#SavedSearchRow',
      SavedSearchMatch: '../modules/saved-search/saved-search-store#SavedSearchMatchRow',
    }),
    'subgraphs/research/src/__generated__/resolvers-types.ts': subgraph('research', {
      Measurement: '../modules/measurement/measurement-store#MeasurementRow',
      Animal: '@studbook/contracts/animal-directory#AnimalRef',
      Trait: '../modules/trait/trait-catalog#CatalogTrait',
      Farm: '../modules/farm/farm-store#FarmRow',
      Group: '../modules/farm/farm-store#GroupRow',
      FarmAssignment: '../modules/farm/farm-store#AssignmentRow',
      ResearchProject: '../modules/project/project-store#ProjectRow',
      ProjectMember: '../modules/project/project-store#MemberRow',
      ProjectFinding: '../modules/project/project-store#FindingRow',
      ProjectPublication: '../modules/project/project-store#PublicationRow',
      ProjectGrant: '../modules/project/project-store#GrantRow',
      ProjectInvitation: '../modules/project/project-store#CreatedInvitation',
      Organization: '../modules/project/project-store#OrganizationRef',
      EvaluationRun: '../modules/evaluation/evaluation-run-store#EvaluationRunRow',
      BreedingValue: '../modules/evaluation/breeding-value-store#BreedingValueRow',
      EvaluationDataset: '../modules/evaluation/evaluation-exchange-service#EvaluationExport',
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
    // The API schema a client sees (no join__ machinery, no @inaccessible fields), so a test can
    // only type an operation the gateway would accept.
    'tests/__generated__/': {
      schema: 'schema/supergraph.graphql',
      documents: 'tests/**/*.ts',
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // A string, not a parsed document: the test clients send it as the body's query.
        documentMode: 'string',
        useTypeImports: true,
        enumType: 'string-literal',
        scalars: { ID: 'string', Date: 'string', DateTime: 'string' },
      },
    },
    // The web app's operations, typed the same way, as parsed documents for Apollo Client; each
    // carries its hash, and persisted-documents.json (hash -> document) is what the gateway trusts.
    'web/src/__generated__/': {
      schema: 'schema/supergraph.graphql',
      documents: 'web/src/**/*.{ts,tsx}',
      preset: 'client',
      // Apollo's normalised cache adds __typename to every selection; adding it here keeps the
      // document Apollo sends identical to the persisted one (and its hash).
      documentTransforms: [{ name: 'add-typename', transformObject: addTypenameSelectionDocumentTransform }],
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: 'sha256' } },
      config: {
        useTypeImports: true,
        enumType: 'string-literal',
        scalars: { ID: 'string', Date: 'string', DateTime: 'string' },
      },
    },
  },
};

export default config;
