import { describe, expect, it } from 'vitest';
import { Rational, sum } from './rational.js';

describe('Rational', () => {
  it('keeps fractions in lowest terms with a positive denominator', () => {
    expect(Rational.of(6, 8).toString()).toBe('3/4');
    expect(Rational.of(3, -9).toString()).toBe('-1/3');
    expect(Rational.of(0, 5).toString()).toBe('0');
    expect(Rational.of(4, 2).toString()).toBe('2');
  });

  it('adds, subtracts, multiplies and divides exactly', () => {
    const third = Rational.of(1, 3);
    expect(sum([third, third, third]).isOne()).toBe(true);
    expect(Rational.ONE.sub(Rational.of(1, 4)).toString()).toBe('3/4');
    expect(Rational.of(2, 3).mul(Rational.of(2, 3)).mul(Rational.of(1, 4)).toString()).toBe('1/9');
    expect(Rational.of(1, 2).div(Rational.of(3, 4)).toString()).toBe('2/3');
  });

  it('stays exact where floats drift', () => {
    const tenth = Rational.of(1, 10);
    expect(sum(Array.from({ length: 10 }, () => tenth)).isOne()).toBe(true);
    expect(Array.from({ length: 10 }, () => 0.1).reduce((a, b) => a + b)).not.toBe(1);
  });

  it('compares and parses', () => {
    expect(Rational.of(1, 3).compare(Rational.of(1, 4))).toBe(1);
    expect(Rational.of(1, 4).compare(Rational.of(2, 8))).toBe(0);
    expect(Rational.parse('3/16').equals(Rational.of(3, 16))).toBe(true);
    expect(Rational.fromDecimal('12.5').toString()).toBe('25/2');
    expect(() => Rational.of(1, 0)).toThrow(RangeError);
  });
});
