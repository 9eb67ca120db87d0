/**
 * An exact fraction of two BigInts, always in lowest terms with a positive denominator, so the
 * probabilities of a prediction add up to exactly 1 and print as breeders' fractions ("3/16").
 */
export class Rational {
  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);

  private constructor(
    readonly numerator: bigint,
    readonly denominator: bigint,
  ) {}

  static of(numerator: bigint | number, denominator: bigint | number = 1n): Rational {
    let n = BigInt(numerator);
    let d = BigInt(denominator);
    if (d === 0n) throw new RangeError('Division by zero');
    if (d < 0n) [n, d] = [-n, -d];
    const divisor = gcd(n < 0n ? -n : n, d);
    return new Rational(n / divisor, d / divisor);
  }

  /** Parses "3/16", "1" or "0". */
  static parse(text: string): Rational {
    const match = /^(-?\d+)(?:\/(\d+))?$/.exec(text.trim());
    if (!match) throw new RangeError(`Not a fraction: ${text}`);
    return Rational.of(BigInt(match[1]), BigInt(match[2] ?? '1'));
  }

  /** An exact decimal such as "12.5" (percent texts), as a fraction. */
  static fromDecimal(text: string): Rational {
    const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
    if (!match) throw new RangeError(`Not a decimal: ${text}`);
    const fraction = match[2] ?? '';
    return Rational.of(BigInt(match[1] + fraction), 10n ** BigInt(fraction.length));
  }

  add(other: Rational): Rational {
    return Rational.of(this.numerator * other.denominator + other.numerator * this.denominator, this.denominator * other.denominator);
  }

  sub(other: Rational): Rational {
    return Rational.of(this.numerator * other.denominator - other.numerator * this.denominator, this.denominator * other.denominator);
  }

  mul(other: Rational): Rational {
    return Rational.of(this.numerator * other.numerator, this.denominator * other.denominator);
  }

  div(other: Rational): Rational {
    return Rational.of(this.numerator * other.denominator, this.denominator * other.numerator);
  }

  compare(other: Rational): number {
    const difference = this.numerator * other.denominator - other.numerator * this.denominator;
    return difference === 0n ? 0 : difference < 0n ? -1 : 1;
  }

  equals(other: Rational): boolean {
    return this.numerator === other.numerator && this.denominator === other.denominator;
  }

  isZero(): boolean {
    return this.numerator === 0n;
  }

  isOne(): boolean {
    return this.numerator === this.denominator;
  }

  toNumber(): number {
    return Number(this.numerator) / Number(this.denominator);
  }

  toString(): string {
    return this.denominator === 1n ? String(this.numerator) : `${this.numerator}/${this.denominator}`;
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

export function sum(values: Iterable<Rational>): Rational {
  let total = Rational.ZERO;
  for (const value of values) total = total.add(value);
  return total;
}
