import type { AnimalTransferResolvers } from '../../../__generated__/resolvers-types.js';

export const AnimalTransfer: AnimalTransferResolvers = {
  // As the caller may see it now: the buyer's own, anyone's while public.
  animal: (transfer, _, { animals }) => animals.byId(transfer.animalId),
  seller: (transfer) => ({ id: transfer.sellerId }),
  buyer: (transfer) => ({ id: transfer.buyerId }),
  sellerStatus: (transfer, _, { ownership }) => ownership.sellerStatus(transfer),
};
