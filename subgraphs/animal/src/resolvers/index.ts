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
import { MorphAnimal, MorphMutation, MorphQuery, MorphSpecies } from './Morphs.js';
import { Mutation } from './Mutation.js';
import { PedigreeAnimal } from './Pedigree.js';
import { Query } from './Query.js';

export const resolvers: Resolvers = {
  Query: { ...Query, ...HerdbookQuery, ...BreedingQuery, ...InbreedingQuery, ...MorphQuery },
  Mutation: { ...Mutation, ...HerdbookMutation, ...BreedingMutation, ...LineageMutation, ...MorphMutation },
  Animal: { ...Animal, ...LineageAnimal, ...PedigreeAnimal, ...InbreedingAnimal, ...MorphAnimal },
  Species: MorphSpecies,
  BreedingSession,
  BreedingEvent,
  Clutch,
  Date: DateScalar,
  DateTime: DateTimeScalar,
};
