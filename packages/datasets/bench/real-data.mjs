// Full-size checks on the real files (never needed by the tests): CIFAR-10 as 60 000 JPEGs in a .tar.gz, read
// in memory and extracted, and the Penn Treebank's three files. Run after `pnpm build`:
//   node bench/real-data.mjs --data /work/shared/data
// Prints which data it ran on, the load times (each in a fresh process, as a user would see them) and the
// PTB counts of the standard protocol.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', 'dist', 'index.js');
const at = process.argv.indexOf('--data');
const data = at > 0 ? process.argv[at + 1] : process.env.DLKIT_REAL_DATA;
if (!data) {
  console.error('usage: node bench/real-data.mjs --data <folder with cifar10/cifar10-jpg.tar.gz and ptb/>');
  process.exit(2);
}
const archive = join(data, 'cifar10', 'cifar10-jpg.tar.gz');
const ptbRoot = join(data, 'ptb');

function inChild(code) {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split('\n').pop());
}

console.log(
  `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model}, load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);

if (existsSync(archive)) {
  console.log(`CIFAR-10 JPEG archive: ${archive}`);
  const load = (root) =>
    inChild(`
    import { loadCifar10 } from ${JSON.stringify(dist)};
    const t = performance.now();
    const c = process.cpuUsage();
    const { train, test } = await loadCifar10({ root: ${JSON.stringify(root)} });
    const ms = performance.now() - t;
    const used = process.cpuUsage(c);
    const cpuMs = (used.user + used.system) / 1000;
    const counts = new Array(10).fill(0);
    for (const l of train.labels) counts[l]++;
    let sum = 0;
    for (const v of test.images) sum += v;
    console.log(JSON.stringify({ ms, cpuMs, train: train.shape, test: test.shape, counts, testMean: sum / test.images.length, first: train.classNames[train.labels[0]] }));`);
  const fromTar = load(archive);
  console.log(
    `  from the .tar.gz (in memory): ${(fromTar.ms / 1000).toFixed(2)} s wall, ${(fromTar.cpuMs / 1000).toFixed(2)} s CPU, train ${fromTar.train}, test ${fromTar.test}, per class ${fromTar.counts.join('/')}, test mean ${fromTar.testMean.toFixed(3)}`,
  );
  const tree = mkdtempSync(join(tmpdir(), 'cifar10-jpg-'));
  try {
    execFileSync('tar', ['-xzf', archive, '-C', tree]);
    const fromTree = load(tree);
    console.log(
      `  from the extracted tree:      ${(fromTree.ms / 1000).toFixed(2)} s wall, ${(fromTree.cpuMs / 1000).toFixed(2)} s CPU, test mean ${fromTree.testMean.toFixed(3)} (same pixels: ${fromTree.testMean === fromTar.testMean})`,
    );
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
} else console.log(`no ${archive}: CIFAR-10 skipped`);

if (existsSync(join(ptbRoot, 'ptb.train.txt'))) {
  const r = inChild(`
    import { loadPtb, hashFile } from ${JSON.stringify(dist)};
    const t = performance.now();
    const ptb = await loadPtb({ root: ${JSON.stringify(ptbRoot)} });
    const ms = performance.now() - t;
    const eos = (ids) => ids.reduce((n, id) => n + (id === ptb.vocabulary.eosId ? 1 : 0), 0);
    const md5 = {};
    for (const [k, f] of Object.entries(ptb.files)) md5[k] = await hashFile(f, 'md5');
    console.log(JSON.stringify({ ms, vocab: ptb.vocabulary.size, train: [ptb.train.length, eos(ptb.train)], valid: [ptb.valid.length, eos(ptb.valid)], test: [ptb.test.length, eos(ptb.test)], md5 }));`);
  console.log(`Penn Treebank: ${ptbRoot} (${(r.ms / 1000).toFixed(2)} s)`);
  console.log(`  vocabulary ${r.vocab}`);
  for (const s of ['train', 'valid', 'test'])
    console.log(`  ${s}: ${r[s][0]} ids = ${r[s][0] - r[s][1]} words + ${r[s][1]} </s>, md5 ${r.md5[s]}`);
} else console.log(`no ${ptbRoot}/ptb.train.txt: PTB skipped`);
