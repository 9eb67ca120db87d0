import { describe, expect, it } from 'vitest';
import { layoutPedigree, positionIndex } from './pedigree-layout';

const named = (position: string, name: string) => ({ position, generation: position.length, animal: { id: name, name } });

describe('pedigree layout', () => {
  it('orders every generation sires first, from the sire side down to the dam side', () => {
    expect(['S', 'D'].map(positionIndex)).toEqual([0, 1]);
    expect(['SS', 'SD', 'DS', 'DD'].map(positionIndex)).toEqual([0, 1, 2, 3]);
    expect(positionIndex('DSD')).toBe(5);
  });

  it('puts each animal between its two parents, one column further right per generation', () => {
    const layout = layoutPedigree({ id: 'x', name: 'Pup' }, [named('S', 'Sire'), named('D', 'Dam'), named('SS', 'Grandsire'), named('SD', 'Granddam')], 2);
    const at = (position: string) => layout.boxes.find((box) => box.position === position)!;
    expect(at('S').x).toBeGreaterThan(at('').x);
    expect(at('SS').x).toBeGreaterThan(at('S').x);
    expect(at('S').y).toBe((at('SS').y + at('SD').y) / 2);
    expect(at('').y).toBe((at('S').y + at('D').y) / 2);
    expect(at('S').y).toBeLessThan(at('D').y);
    expect(at('SD').childPosition).toBe('S');
    expect(layout.height).toBeGreaterThanOrEqual(at('D').y);
  });

  it('draws an unknown or private ancestor as not shown, without a name or a link', () => {
    const layout = layoutPedigree({ id: 'x', name: 'Pup' }, [named('S', 'Sire'), { position: 'D', generation: 1, animal: null }], 1);
    const dam = layout.boxes.find((box) => box.position === 'D')!;
    expect(dam).toMatchObject({ redacted: true, name: 'Not shown', animalId: undefined });
  });

  it('grows to ten generations in leaf rows, compacting each row', () => {
    const line = (depth: number) => Array.from({ length: depth }, (_, i) => named('S'.repeat(i + 1), `Sire ${i + 1}`));
    const four = layoutPedigree({ id: 'x', name: 'Pup' }, line(4), 4);
    const ten = layoutPedigree({ id: 'x', name: 'Pup' }, line(10), 10);
    expect(ten.width).toBeGreaterThan(four.width);
    expect(ten.height / 2 ** 10).toBeLessThan(four.height / 2 ** 4);
  });

  it('is only as deep as the deepest ancestor listed, whatever was asked', () => {
    const parentsOnly = [named('S', 'Sire'), named('D', 'Dam'), ...['SS', 'SD', 'DS', 'DD'].map((position) => ({ position, generation: 2, animal: null }))];
    expect(layoutPedigree({ id: 'x', name: 'Pup' }, parentsOnly, 10)).toEqual(layoutPedigree({ id: 'x', name: 'Pup' }, parentsOnly, 2));
  });
});
