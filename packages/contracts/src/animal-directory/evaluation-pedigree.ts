import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { badInput, IDENTITY_HEADER, requestContextHeaders } from '@studbook/platform';

/** One animal of an evaluation's pedigree, as the animal subgraph's internal route streams it. */
export interface EvaluationPedigreeAnimal {
  /** The animal's id, or for an ancestor the caller may not see a pseudonym (`~1`, `~2`, …) valid in this export only. */
  id: string;
  sire: string | null;
  dam: string | null;
  sex: 'MALE' | 'FEMALE' | 'UNKNOWN' | null;
  birthDate: string | null;
  /** Wright's F over the whole lineage, hidden ancestors included. */
  inbreeding: number;
}

export interface EvaluationPedigree {
  animals: EvaluationPedigreeAnimal[];
  /** The asked-for animals that are not visible animals of the species: the caller may not evaluate them. */
  unknownSubjects: string[];
}

/**
 * Reads an evaluation's pedigree from the animal subgraph (`POST /internal/evaluation-pedigree`, streamed NDJSON) as the
 * caller: their animals of the species, the visible `subjects` (animals they hold records of) and every ancestor, other
 * organisations' private ones as pseudonyms. `graphqlUrl` is the subgraph's `/graphql` endpoint; the route sits beside it.
 * A refused request rejects with the animal subgraph's coded error.
 */
export async function fetchEvaluationPedigree(
  graphqlUrl: string,
  callerIdentityToken: string,
  input: { species: string; subjects: readonly string[] },
  signal?: AbortSignal,
): Promise<EvaluationPedigree> {
  const response = await fetch(new URL('/internal/evaluation-pedigree', graphqlUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: callerIdentityToken, ...requestContextHeaders() },
    body: JSON.stringify(input),
    signal: signal ?? AbortSignal.timeout(120_000),
  });
  if (response.status === 400) {
    const body = (await response.json()) as { errors: { message: string; extensions?: { field?: string } }[] };
    throw badInput(body.errors[0].message, body.errors[0].extensions?.field);
  }
  if (!response.ok || !response.body) throw new Error(`animal subgraph pedigree export failed with HTTP ${response.status}`);
  const lines = createInterface({ input: Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), crlfDelay: Infinity });
  let header: { animals: number; unknownSubjects: string[] } | undefined;
  const animals: EvaluationPedigreeAnimal[] = [];
  for await (const line of lines) {
    if (!line) continue;
    if (!header) {
      header = JSON.parse(line) as { animals: number; unknownSubjects: string[] };
      continue;
    }
    const [id, sire, dam, sex, birthDate, inbreeding] = JSON.parse(line) as [
      string,
      string | null,
      string | null,
      EvaluationPedigreeAnimal['sex'],
      string | null,
      number,
    ];
    animals.push({ id, sire, dam, sex, birthDate, inbreeding });
  }
  if (!header || animals.length !== header.animals) throw new Error('animal subgraph pedigree export ended early');
  return { animals, unknownSubjects: header.unknownSubjects };
}
