// Compares two rnnlm --json outputs without what depends on when and where the run was (times, speeds, the
// trial list, the report path, the environment); prints every difference, exits 1 if any.
//   pnpm exec node examples/rnnlm/scripts/same-figures.mjs a.json b.json
import { readFileSync } from 'node:fs';
const DROP = /^(seconds|tokensPerSecond|tokensPerCpuSecond|timing|report_html|trials|environment)$/;
const clean = (v) =>
  Array.isArray(v)
    ? v.map(clean)
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.entries(v)
            .filter(([k]) => !DROP.test(k))
            .map(([k, x]) => [k, clean(x)]),
        )
      : v;
const [a, b] = process.argv.slice(2).map((f) => clean(JSON.parse(readFileSync(f, 'utf8'))));
const diffs = [];
const walk = (x, y, path) => {
  if (x && y && typeof x === 'object' && typeof y === 'object') {
    for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) walk(x[k], y[k], `${path}.${k}`);
  } else if (x !== y) diffs.push(`${path}: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
};
walk(a, b, '$');
const ppl = (o) => o.rows.length;
console.log(
  `${process.argv[2]} vs ${process.argv[3]}: ${ppl(a)} rows, ${a.grid?.length ?? 0} grid points; ${diffs.length} differences`,
);
for (const d of diffs.slice(0, 30)) console.log(`  ${d}`);
process.exit(diffs.length === 0 ? 0 : 1);
