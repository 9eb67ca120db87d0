import type { SaleResolvers } from '../../../__generated__/resolvers-types.js';
import { historyAt, stateAt } from '../sale-state.js';

export const Sale: SaleResolvers = {
  __resolveReference: ({ id }, { sales }) => sales.byId(id),
  state: (sale) => stateAt(sale),
  listing: (sale, _, { sales }) => sales.listingOf(sale),
  animal: (sale, _, { sales }) => sales.animalOf(sale),
  soldAnimal: ({ soldAnimal }) =>
    soldAnimal && {
      name: soldAnimal.name,
      species: soldAnimal.speciesName,
      sex: soldAnimal.sex,
      genesInOneCopy: soldAnimal.genesOne,
      genesInTwoCopies: soldAnimal.genesTwo,
    },
  seller: (sale) => ({ id: sale.tenantId }),
  buyer: (sale) => ({ id: sale.buyerOrganizationId }),
  expiresAt: (sale) => (stateAt(sale) === 'RESERVED' ? sale.expiresAt : null),
  history: (sale) => historyAt(sale).map((entry) => ({ state: entry.state, at: entry.at, reason: entry.reason ?? null })),
};
