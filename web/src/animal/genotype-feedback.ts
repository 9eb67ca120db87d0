/** What the genotype editor says about the text typed so far, from the API's parseGenotype answer. */
export interface ParsedGenotype {
  notation: string;
  phenotype: string;
  hets: readonly { label: string; gene: { name: string } }[];
  possibleHets: readonly { label: string; gene: { name: string } }[];
}

export type GenotypeFeedback =
  | { state: 'empty' }
  | { state: 'checking' }
  | { state: 'invalid'; message: string }
  | { state: 'valid'; summary: string; unchanged: boolean };

/**
 * `settled` is the text the answer belongs to: while the user types ahead of it, the editor says
 * it is checking rather than showing an answer for older text.
 */
export function genotypeFeedback(text: string, settled: string, answer: { parsed?: ParsedGenotype; error?: string }, recorded?: string): GenotypeFeedback {
  if (text.trim() === '') return { state: 'empty' };
  if (text !== settled || (!answer.parsed && !answer.error)) return { state: 'checking' };
  if (answer.error) return { state: 'invalid', message: answer.error };
  const parsed = answer.parsed!;
  const hets = [...parsed.hets, ...parsed.possibleHets].map((het) => `${het.label} het ${het.gene.name}`);
  const summary = [`Reads as ${parsed.notation}`, `looks ${parsed.phenotype}`, ...(hets.length ? [`carries ${hets.join(', ')}`] : [])].join('; ');
  return { state: 'valid', summary, unchanged: recorded !== undefined && recorded === parsed.notation };
}
