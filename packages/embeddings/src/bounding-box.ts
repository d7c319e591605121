/** `[minX, minY, maxX, maxY]` of the first `n` points of `Y` (n × 2 row-major). */
export function boundingBox(Y: Float64Array, n: number): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = Y[2 * i];
    const y = Y[2 * i + 1];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}
