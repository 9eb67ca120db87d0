import { DateScalar, DateTimeScalar } from '@studbook/platform';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { Animal } from './Animal.js';
import { BreedingMutation, BreedingQuery } from './Breeding.js';
import { BreedingEvent } from './BreedingEvent.js';
import { BreedingSession } from './BreedingSession.js';
import { Clutch } from './Clutch.js';
import { HerdbookMutation, HerdbookQuery } from './Herdbook.js';
import { Mutation } from './Mutation.js';
import { Query } from './Query.js';

export const resolvers: Resolvers = {
  Query: { ...Query, ...HerdbookQuery, ...BreedingQuery },
  Mutation: { ...Mutation, ...HerdbookMutation, ...BreedingMutation },
  Animal,
  BreedingSession,
  BreedingEvent,
  Clutch,
  Date: DateScalar,
  DateTime: DateTimeScalar,
};
