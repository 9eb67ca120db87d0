import { badInput } from '@studbook/platform';

/** How many generations a walk up (pedigree) or down (descendants) goes: `fallback` when not given, 1 to `max`. */
export function validGenerations(generations: number | null | undefined, max: number, fallback: number, field = 'generations'): number {
  const value = generations ?? fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) throw badInput(`generations must be between 1 and ${max}`, field);
  return value;
}
