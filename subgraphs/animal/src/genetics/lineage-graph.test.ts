import { describe, expect, it } from 'vitest';
import { denseLineage } from './lineage-graph.js';

describe('denseLineage', () => {
  it('numbers animals in row order, a parent outside the rows as unknown', () => {
    const { graph, ids, index } = denseLineage([
      { id: 'c', sireId: 'a', damId: 'b' },
      { id: 'a', sireId: 'outside', damId: null },
      { id: 'b', sireId: null, damId: null },
    ]);
    expect(ids).toEqual(['c', 'a', 'b']);
    expect(index.get('b')).toBe(2);
    expect([...graph.sire]).toEqual([1, -1, -1]);
    expect([...graph.dam]).toEqual([2, -1, -1]);
  });
});
