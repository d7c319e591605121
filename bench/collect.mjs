// Gathers every package's bench/results.json into one bench/results.json at the root.
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = { date: new Date().toISOString(), packages: {} };
for (const dir of readdirSync(join(root, 'packages'))) {
  const file = join(root, 'packages', dir, 'bench', 'results.json');
  if (existsSync(file)) out.packages[`@dlkit/${dir}`] = JSON.parse(readFileSync(file, 'utf8'));
}
const target = join(root, 'bench', 'results.json');
writeFileSync(`${target}.tmp`, JSON.stringify(out, null, 2));
renameSync(`${target}.tmp`, target);
console.log(`bench: results of ${Object.keys(out.packages).length} packages written to bench/results.json`);
