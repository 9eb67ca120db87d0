/**
 * Dense symmetric positive (semi-)definite algebra for small systems: the exact accuracies, and the reference solve of the
 * tests. Row-major m × m Float64Array; only the lower triangle is read or written.
 */

/** A pivot below this share of its original diagonal marks a dependent equation (confounded factor levels). */
const DEPENDENT_PIVOT = 1e-10;

/**
 * In-place Cholesky factor C = L L′ (row-oriented, so the inner products run along contiguous rows). A dependent equation
 * gets a zero row and column, which makes the factor a generalised inverse's: solutions of estimable functions (every
 * breeding value, every difference of connected levels) and their variances are unchanged. Returns the dependent equations.
 */
export function choleskyInPlace(matrix: Float64Array, m: number): Uint8Array {
  const dependent = new Uint8Array(m);
  for (let j = 0; j < m; j++) {
    const rowJ = j * m;
    let pivot = matrix[rowJ + j];
    for (let k = 0; k < j; k++) pivot -= matrix[rowJ + k] * matrix[rowJ + k];
    if (pivot <= DEPENDENT_PIVOT * Math.max(1, Math.abs(matrix[rowJ + j]))) {
      dependent[j] = 1;
      for (let i = j; i < m; i++) matrix[i * m + j] = 0;
      continue;
    }
    const root = Math.sqrt(pivot);
    matrix[rowJ + j] = root;
    for (let i = j + 1; i < m; i++) {
      const rowI = i * m;
      let sum = matrix[rowI + j];
      for (let k = 0; k < j; k++) sum -= matrix[rowI + k] * matrix[rowJ + k];
      matrix[rowI + j] = sum / root;
    }
  }
  return dependent;
}

/** x solving L L′ x = b with the factor of `choleskyInPlace` (dependent equations get 0). */
export function choleskySolve(factor: Float64Array, m: number, b: Float64Array): Float64Array {
  const y = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const diagonal = factor[i * m + i];
    if (diagonal === 0) continue;
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= factor[i * m + k] * y[k];
    y[i] = sum / diagonal;
  }
  for (let i = m - 1; i >= 0; i--) {
    const diagonal = factor[i * m + i];
    if (diagonal === 0) continue;
    let sum = y[i];
    for (let k = i + 1; k < m; k++) sum -= factor[k * m + i] * y[k];
    y[i] = sum / diagonal;
  }
  return y;
}

/** Diagonal elements from..m − 1 of C⁻¹ = L′⁻¹ L⁻¹: the squared norm of column j of L⁻¹, found by forward substitution. */
export function inverseDiagonal(factor: Float64Array, m: number, from: number): Float64Array {
  const result = new Float64Array(m - from);
  const w = new Float64Array(m);
  for (let j = from; j < m; j++) {
    if (factor[j * m + j] === 0) continue;
    w[j] = 1 / factor[j * m + j];
    let norm = w[j] * w[j];
    for (let i = j + 1; i < m; i++) {
      const rowI = i * m;
      let sum = 0;
      for (let k = j; k < i; k++) sum -= factor[rowI + k] * w[k];
      w[i] = factor[rowI + i] === 0 ? 0 : sum / factor[rowI + i];
      norm += w[i] * w[i];
    }
    result[j - from] = norm;
  }
  return result;
}
