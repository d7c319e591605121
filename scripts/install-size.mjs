// What installing each @dlkit package costs a user: packs every package (pnpm pack), then for each one installs
// into a fresh npm project its tarball, the tarballs of the @dlkit packages it depends on and its required
// (non-optional) peers, and measures node_modules. Needs the packages built (`pnpm build`) and the registry.
// Usage: pnpm exec node scripts/install-size.mjs [--json out.json]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const packDir = mkdtempSync(join(tmpdir(), 'dlkit-pack-'));
const manifests = new Map();
for (const folder of readdirSync(join(root, 'packages'))) {
  const dir = join(root, 'packages', folder);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (manifest.private) continue;
  execFileSync('pnpm', ['pack', '--pack-destination', packDir], { cwd: dir, stdio: 'ignore' });
  const tarball = `${manifest.name.replace('@', '').replace('/', '-')}-${manifest.version}.tgz`;
  manifests.set(manifest.name, { manifest, tarball: join(packDir, tarball) });
}

const rows = [];
for (const [name] of manifests) {
  const closure = new Set();
  const todo = [name];
  while (todo.length > 0) {
    const next = todo.pop();
    if (closure.has(next)) continue;
    closure.add(next);
    todo.push(...Object.keys(manifests.get(next).manifest.dependencies ?? {}).filter((d) => d.startsWith('@dlkit/')));
  }
  const peers = new Set();
  for (const member of closure) {
    const { peerDependencies = {}, peerDependenciesMeta = {} } = manifests.get(member).manifest;
    for (const [peer, range] of Object.entries(peerDependencies)) {
      if (!peerDependenciesMeta[peer]?.optional) peers.add(`${peer}@${range}`);
    }
  }
  const project = mkdtempSync(join(tmpdir(), 'dlkit-size-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'size', version: '1.0.0', private: true }));
  const tarballs = [...closure].sort().map((member) => manifests.get(member).tarball);
  execFileSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...tarballs, ...[...peers].sort()],
    {
      cwd: project,
      stdio: 'ignore',
    },
  );
  const bytes = Number(execFileSync('du', ['-sb', 'node_modules'], { cwd: project, encoding: 'utf8' }).split('\t')[0]);
  rmSync(project, { recursive: true, force: true });
  rows.push({ name, peers: [...peers].sort(), bytes });
  console.log(`${name.padEnd(20)} ${(bytes / 1e6).toFixed(1).padStart(7)} MB  (peers: ${[...peers].join(' ') || 'none'})`);
}
rmSync(packDir, { recursive: true, force: true });
const jsonAt = process.argv.indexOf('--json');
if (jsonAt !== -1) writeFileSync(process.argv[jsonAt + 1], `${JSON.stringify(rows, null, 2)}\n`);
