import { describe, expect, it } from 'vitest';
import { appendEvents, resumeCursor } from './timeline';

const event = (n: number) => ({ id: `e${n}`, cursor: `c${n}`, type: 'NOTE', occurredAt: `2026-01-0${n}T00:00:00Z` });

describe('breeding session timeline', () => {
  it('shows a replayed or repeated event once, in the order first received', () => {
    const shown = appendEvents([event(1), event(2)], [event(2), event(3)]);
    expect(appendEvents(shown, [event(1), event(3), event(4)]).map((e) => e.id)).toEqual(['e1', 'e2', 'e3', 'e4']);
  });

  it('resumes after the last event shown, or from the start', () => {
    expect(resumeCursor([])).toBeUndefined();
    expect(resumeCursor([event(1), event(2)])).toBe('c2');
  });

  it('keeps the same list when nothing new arrives (no re-render)', () => {
    const shown = [event(1)];
    expect(appendEvents(shown, [event(1)])).toBe(shown);
  });
});
