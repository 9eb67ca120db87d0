/** Pearson's correlation of x and y over the indices `include` keeps (all by default): EBVs against true values, accuracies against accuracies. */
export function correlation(x: ArrayLike<number>, y: ArrayLike<number>, include: (i: number) => boolean = () => true): number {
  const sums = { n: 0, x: 0, y: 0, xx: 0, yy: 0, xy: 0 };
  for (let i = 0; i < x.length; i++) {
    if (!include(i)) continue;
    sums.n++;
    sums.x += x[i];
    sums.y += y[i];
    sums.xx += x[i] * x[i];
    sums.yy += y[i] * y[i];
    sums.xy += x[i] * y[i];
  }
  const { n, x: sx, y: sy, xx: sxx, yy: syy, xy: sxy } = sums;
  return (sxy - (sx * sy) / n) / Math.sqrt((sxx - (sx * sx) / n) * (syy - (sy * sy) / n));
}
