import { describe, expect, it } from 'vitest';
import { sortedEbvs, valueFromRun } from './ebv-table';

const animals = [
  { id: '1', name: 'Bea', ebv: 0.1, accuracy: 0.4 },
  { id: '2', name: 'Al', ebv: 0.3, accuracy: null },
  { id: '3', name: 'Cy', ebv: 0.1, accuracy: 0.7 },
];

describe('the EBV table', () => {
  it('sorts by EBV, highest first, ties by name', () => {
    expect(sortedEbvs(animals, 'EBV').map((a) => a.name)).toEqual(['Al', 'Bea', 'Cy']);
  });

  it('sorts by accuracy, an animal without one last', () => {
    expect(sortedEbvs(animals, 'ACCURACY').map((a) => a.name)).toEqual(['Cy', 'Bea', 'Al']);
  });

  it('takes the value of the run shown, not another trait’s', () => {
    const animal = {
      id: '1',
      name: 'Bea',
      breedingValues: [
        { ebv: 2, accuracy: 0.5, run: { id: 'other' } },
        { ebv: 1, accuracy: null, run: { id: 'run' } },
      ],
    };
    expect(valueFromRun(animal, 'run')).toEqual({ id: '1', name: 'Bea', ebv: 1, accuracy: null });
    expect(valueFromRun(animal, 'none')).toBeNull();
  });
});
