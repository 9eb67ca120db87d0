import { describe, expect, it } from 'vitest';
import { appendMatches, resumeAfter } from './live-matches';

const match = (n: number) => ({ id: `m${n}`, cursor: `c${n}`, title: `Listing ${n}` });

describe('a saved search followed live', () => {
  it('shows a replayed match once, in the order first received', () => {
    const shown = appendMatches([match(1), match(2)], [match(2), match(3)]);
    expect(appendMatches(shown, [match(1), match(4)]).map((m) => m.id)).toEqual(['m1', 'm2', 'm3', 'm4']);
  });

  it('resumes after the last match shown, or from the start', () => {
    expect(resumeAfter([])).toBeUndefined();
    expect(resumeAfter([match(1), match(2)])).toBe('c2');
  });

  it('keeps the same list when nothing new arrives', () => {
    const shown = [match(1)];
    expect(appendMatches(shown, [match(1)])).toBe(shown);
  });
});
