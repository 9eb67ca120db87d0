import type { MediaItemResolvers } from '../../../__generated__/resolvers-types.js';

export const MediaItem: MediaItemResolvers = {
  status: (item) => (item.status === 'AWAITING_UPLOAD' ? null : item.status),
  url: (item, _, { media }) => (item.status === 'AWAITING_UPLOAD' ? null : media.signedUrl(item.objectKey)),
  thumbnailUrl: (item, _, { media }) => (item.renditions.w320 ? media.signedUrl(item.renditions.w320) : null),
  webUrl: (item, _, { media }) => (item.renditions.w1280 ? media.signedUrl(item.renditions.w1280) : null),
};
