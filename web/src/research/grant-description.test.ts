import { describe, expect, it } from 'vitest';
import { grantDescription } from './grant-description';

describe('grantDescription', () => {
  const sheep = (id: string) => (id === 'sheep' ? 'Sheep' : id);

  it('names a species grant and listed animals as before', () => {
    expect(grantDescription({ species: 'sheep', animalIds: [] }, sheep)).toBe('Every Sheep');
    expect(grantDescription({ animalIds: ['a', 'b'] })).toBe('2 listed animals');
  });

  it('names the farm and group of a filter grant and how many animals it covers now', () => {
    const farm = { farmId: 'f', farm: { name: 'Home paddocks' }, animalIds: [] };
    expect(grantDescription({ ...farm, animalsCovered: 12 })).toBe('Every animal on Home paddocks (12 animals now)');
    expect(grantDescription({ ...farm, species: 'sheep', groupId: 'g', group: { name: 'Mob 1' }, animalsCovered: 1 }, sheep)).toBe(
      'Every Sheep in Mob 1 on Home paddocks (1 animal now)',
    );
  });

  it('says only that a farm is named when the reader may not see it', () => {
    expect(grantDescription({ farmId: 'f', farm: null, animalIds: ['a'], animalsCovered: null })).toBe('Every animal on a farm of theirs and 1 listed animals');
  });
});
