import { createAnimal, gql, gqlData, type Member } from '../support/gateway-client.js';
import { graphql } from '../__generated__/index.js';

export const SET_PARENTS = graphql(`
  mutation SetParents($animalId: ID!, $sireId: ID, $damId: ID) {
    setParents(animalId: $animalId, sireId: $sireId, damId: $damId) { id sire { id } dam { id } inbreedingCoefficient }
  }
`);

export const PEDIGREE = graphql(`
  query Pedigree($id: ID!, $generations: Int) {
    animal(id: $id) {
      pedigree(generations: $generations) { generations completeness nodes { position generation animal { id name } } }
    }
  }
`);

export interface AnimalSpec {
  sex: 'MALE' | 'FEMALE' | 'UNKNOWN';
  hatchDate?: string;
  sireId?: string;
  damId?: string;
  visibility?: 'PUBLIC' | 'LINEAGE' | 'PRIVATE';
  species?: string;
}

/** Creates an animal of this member's organisation and returns its id. */
export async function animal(member: Member, name: string, spec: AnimalSpec): Promise<string> {
  return (await createAnimal(member, { name, ...spec })).id;
}

export function setParents(member: Member, animalId: string, sireId: string | null, damId: string | null) {
  return gql(SET_PARENTS, { animalId, sireId, damId }, member.token);
}

export async function inbreedingOf(member: Member, ids: readonly string[]): Promise<number[]> {
  // One alias per animal, built at run time, which codegen cannot type.
  const data = (await gqlData(`query { ${ids.map((id, i) => `a${i}: animal(id: "${id}") { inbreedingCoefficient }`).join(' ')} }`, {}, member.token)) as Record<
    string,
    { inbreedingCoefficient: number }
  >;
  return ids.map((_, i) => data[`a${i}`].inbreedingCoefficient);
}

export async function kinshipOf(member: Member, a: string, b: string): Promise<number> {
  return (await gqlData(graphql(`query Kinship($a: ID!, $b: ID!) { kinship(a: $a, b: $b) }`), { a, b }, member.token)).kinship;
}

export async function pedigreeOf(member: Member, id: string, generations?: number) {
  const data = await gqlData(PEDIGREE, { id, generations }, member.token);
  return data.animal!.pedigree;
}

/** Position → animal id (null where the node is shown without an animal). */
export function positions(pedigree: Awaited<ReturnType<typeof pedigreeOf>>): Record<string, string | null> {
  return Object.fromEntries(pedigree.nodes.map((node) => [node.position, node.animal?.id ?? null]));
}

/** Hatch dates a year apart, in the past, so parents always hatch first. */
export const year = (n: number) => `${2000 + n}-05-01`;
