import { DateScalar, DateTimeScalar } from '@studbook/platform';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { Animal } from './Animal.js';
import { BreedingMutation, BreedingQuery } from './Breeding.js';
import { BreedingEvent } from './BreedingEvent.js';
import { BreedingSession } from './BreedingSession.js';
import { Clutch } from './Clutch.js';
import { HerdbookMutation, HerdbookQuery } from './Herdbook.js';
import { InbreedingAnimal, InbreedingQuery } from './Inbreeding.js';
import { LineageAnimal, LineageMutation } from './Lineage.js';
import { Mutation } from './Mutation.js';
import { PedigreeAnimal } from './Pedigree.js';
import { Query } from './Query.js';

export const resolvers: Resolvers = {
  Query: { ...Query, ...HerdbookQuery, ...BreedingQuery, ...InbreedingQuery },
  Mutation: { ...Mutation, ...HerdbookMutation, ...BreedingMutation, ...LineageMutation },
  Animal: { ...Animal, ...LineageAnimal, ...PedigreeAnimal, ...InbreedingAnimal },
  BreedingSession,
  BreedingEvent,
  Clutch,
  Date: DateScalar,
  DateTime: DateTimeScalar,
};
