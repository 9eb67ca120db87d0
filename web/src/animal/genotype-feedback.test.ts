import { describe, expect, it } from 'vitest';
import { genotypeFeedback } from './genotype-feedback';

const pastelHetClown = {
  notation: 'Pastel Het Clown',
  phenotype: 'Pastel',
  hets: [{ label: '100%', gene: { name: 'Clown' } }],
  possibleHets: [{ label: '66%', gene: { name: 'Piebald' } }],
};

describe('genotype editor feedback', () => {
  it('says nothing for empty text and "checking" while the answer is for older text', () => {
    expect(genotypeFeedback('  ', '', {})).toEqual({ state: 'empty' });
    expect(genotypeFeedback('Pastel Het Cl', 'Pastel', { parsed: pastelHetClown })).toEqual({ state: 'checking' });
    expect(genotypeFeedback('Pastel', 'Pastel', {})).toEqual({ state: 'checking' });
  });

  it('shows the API refusal as typed', () => {
    expect(genotypeFeedback('Pastle', 'Pastle', { error: 'Unknown gene "Pastle"' })).toEqual({ state: 'invalid', message: 'Unknown gene "Pastle"' });
  });

  it('summarises the reading with look and hets, and knows when it is what is recorded', () => {
    const feedback = genotypeFeedback('pastel het clown', 'pastel het clown', { parsed: pastelHetClown }, 'Pastel Het Clown');
    expect(feedback).toEqual({
      state: 'valid',
      summary: 'Reads as Pastel Het Clown; looks Pastel; carries 100% het Clown, 66% het Piebald',
      unchanged: true,
    });
  });
});
