import { DateScalar, DateTimeScalar } from '@studbook/platform';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { Animal } from './Animal.js';
import { HerdbookMutation, HerdbookQuery } from './Herdbook.js';
import { Mutation } from './Mutation.js';
import { Query } from './Query.js';

export const resolvers: Resolvers = { Query: { ...Query, ...HerdbookQuery }, Mutation: { ...Mutation, ...HerdbookMutation }, Animal, Date: DateScalar, DateTime: DateTimeScalar };
