import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { describeFailure, run, type RunResult } from './support/run';
import { KNOWN_EXPORTS, publicPackages, REPO_ROOT, type WorkspacePackage } from './support/workspace';

// A fresh npm project that installs every tarball (one shared install; the tfjs peers and third-party
// dependencies come from the registry), then imports each package as ESM and as CJS and type-checks a
// .mts and a .cts consumer under `module: nodenext`.
const packDir = inject('packDir');
const packages = publicPackages();
const slug = (pkg: WorkspacePackage): string => pkg.folder;
const exportOf = (pkg: WorkspacePackage): string => {
  const name = KNOWN_EXPORTS[pkg.name];
  if (name === undefined) throw new Error(`${pkg.name} has no entry in KNOWN_EXPORTS (test/support/workspace.ts)`);
  return name;
};

let project = '';
let install: RunResult | undefined;

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'dlkit-consumer-'));
  writeFileSync(
    join(project, 'package.json'),
    `${JSON.stringify({ name: 'dlkit-consumer', version: '1.0.0', private: true }, null, 2)}\n`,
  );
  const tarballs = packages.map((pkg) => join(packDir, pkg.tarball));
  install = await run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--no-update-notifier',
      '--prefer-offline',
      '--loglevel=error',
      // A registry request that stalls is given up after a minute and retried, instead of npm's default five
      // minutes twice over. (The registry is reached through the machine's CA settings, which turbo passes to
      // tasks only because turbo.json lists them: without NODE_EXTRA_CA_CERTS this install took 510 s.)
      '--fetch-timeout=60000',
      '--fetch-retries=5',
      ...tarballs,
      // A Node consumer's own typings, for the type check below.
      '@types/node@^20',
    ],
    // A fresh machine's npm cache is empty: the registry downloads (tfjs and its wasm binaries) took over
    // 200 s once while the other packages' tests shared the cores; with a warm cache this takes ~20 s.
    { cwd: project, timeoutMs: 600_000 },
  );
}, 660_000);

afterAll(() => {
  if (project !== '') rmSync(project, { recursive: true, force: true });
});

const installed = (): void => {
  expect(install, 'npm install did not run').toBeDefined();
  expect(install?.code, describeFailure('npm install', install as RunResult)).toBe(0);
};

/** What a probe script prints: the type of the known export and the sorted export names. */
interface Probe {
  type: string;
  keys: string[];
}

const probeBody = (exportName: string): string =>
  `const keys = Object.keys(m).filter((k) => k !== 'default' && k !== '__esModule').sort();` +
  `process.stdout.write(JSON.stringify({ type: typeof m[${JSON.stringify(exportName)}], keys }));`;

async function probe(kind: 'esm' | 'cjs', pkg: WorkspacePackage): Promise<Probe> {
  const source =
    kind === 'esm'
      ? `import * as m from '${pkg.name}';\n${probeBody(exportOf(pkg))}`
      : `const m = require('${pkg.name}');\n${probeBody(exportOf(pkg))}`;
  const args = kind === 'esm' ? ['--input-type=module', '-e', source] : ['-e', source];
  const result = await run(process.execPath, args, { cwd: project, timeoutMs: 60_000 });
  expect(result.code, describeFailure(`${kind} import of ${pkg.name}`, result)).toBe(0);
  // No side effects at import time: nothing printed besides the probe's own line.
  expect(result.stderr.trim(), `${pkg.name} printed to stderr when imported as ${kind}`).toBe('');
  return JSON.parse(result.stdout) as Probe;
}

describe('installed from the tarballs with npm', () => {
  it('installs every tarball into a fresh project', installed);

  describe.each(packages)('$name', (pkg) => {
    it('imports as ESM and as CJS with the same value exports', async () => {
      installed();
      const esm = await probe('esm', pkg);
      const cjs = await probe('cjs', pkg);
      expect(esm.type, `typeof ${exportOf(pkg)} (ESM)`).toBe('function');
      expect(cjs.type, `typeof ${exportOf(pkg)} (CJS)`).toBe('function');
      expect(esm.keys.length).toBeGreaterThan(0);
      expect(cjs.keys).toEqual(esm.keys);
    });
  });
});

/** One `tsc` diagnostic: the file it is in (relative to the project) and its text. */
interface Diagnostic {
  file: string;
  text: string;
}

function parseDiagnostics(output: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const line of output.split('\n')) {
    const located = /^(.+?)\(\d+,\d+\): error TS\d+: /.exec(line);
    if (located !== null) diagnostics.push({ file: located[1] as string, text: line });
    else if (/^error TS\d+: /.test(line)) diagnostics.push({ file: '', text: line });
    else if (line.startsWith(' ') && diagnostics.length > 0) {
      (diagnostics[diagnostics.length - 1] as Diagnostic).text += `\n${line}`;
    }
  }
  return diagnostics;
}

describe('types resolve for a nodenext consumer (.mts and .cts)', () => {
  let diagnostics: Diagnostic[] = [];
  let tscRun: RunResult | undefined;

  beforeAll(async () => {
    if (install?.code !== 0) return;
    const isAny = 'type IsAny<T> = 0 extends 1 & T ? true : false;\n';
    const files: string[] = [];
    for (const pkg of packages) {
      const name = exportOf(pkg);
      // The known export must carry real types (not `any`), through the "import" and the "require" conditions.
      writeFileSync(
        join(project, `check-${slug(pkg)}.mts`),
        `import * as pkg from '${pkg.name}';\nimport { ${name} } from '${pkg.name}';\n${isAny}` +
          `const probe: typeof ${name} = pkg.${name};\nconst typed: IsAny<typeof probe> = false;\nexport { probe, typed };\n`,
      );
      writeFileSync(
        join(project, `check-${slug(pkg)}.cts`),
        `import pkg = require('${pkg.name}');\n${isAny}` +
          `const probe = pkg.${name};\nconst typed: IsAny<typeof probe> = false;\nexport = { probe, typed };\n`,
      );
      files.push(`check-${slug(pkg)}.mts`, `check-${slug(pkg)}.cts`);
    }
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          strict: true,
          noEmit: true,
          // Library checking on, so a dlkit .d.ts that imports something unresolvable is reported;
          // diagnostics inside third-party typings (tfjs) are sorted out below.
          skipLibCheck: false,
          types: ['node'],
        },
        files,
      }),
    );
    const tsc = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    tscRun = await run(process.execPath, [tsc, '-p', 'tsconfig.json', '--pretty', 'false'], {
      cwd: project,
      timeoutMs: 180_000,
    });
    diagnostics = parseDiagnostics(tscRun.stdout);
  }, 200_000);

  it('runs tsc, and every diagnostic lies in a third-party .d.ts or is attributed to a package below', () => {
    installed();
    expect(tscRun, 'tsc did not run').toBeDefined();
    if (tscRun?.code !== 0) expect(diagnostics.length, describeFailure('tsc', tscRun as RunResult)).toBeGreaterThan(0);
    const ours = (d: Diagnostic): boolean => /^check-/.test(d.file) || d.file.startsWith('node_modules/@dlkit/');
    const thirdParty = (d: Diagnostic): boolean => /^node_modules\/(?!@dlkit\/).+\.d\.[cm]?ts$/.test(d.file);
    const unplaced = diagnostics.filter((d) => !ours(d) && !thirdParty(d));
    expect(unplaced.map((d) => d.text)).toEqual([]);
  });

  describe.each(packages)('$name', (pkg) => {
    it(`types its known export through both the import and require conditions`, () => {
      installed();
      const mine = diagnostics.filter(
        (d) => d.file.startsWith(`check-${slug(pkg)}.`) || d.file.startsWith(`node_modules/${pkg.name}/`),
      );
      expect(mine.map((d) => d.text).join('\n')).toBe('');
    });
  });
});

// The PNG entry reads a wasm binary and a font from its npm dependencies at run time: check that the
// installed tarball finds them (no download, no file from the repository) under ESM and CJS.
describe('@dlkit/report/png from the installed tarball', () => {
  const has = packages.some((pkg) => pkg.name === '@dlkit/report');
  it.runIf(has)('renders a chart with real text to PNG, as ESM and as CJS', async () => {
    installed();
    const body = (req: string) =>
      `const { lineChart } = ${req}('@dlkit/report'); const { svgToPng } = ${req}('@dlkit/report/png');` +
      `const svg = lineChart({ title: 'Loss', series: [{ name: 'train', y: [1, 0.5, 0.2] }] });`;
    const print = `process.stdout.write(JSON.stringify({ magic: Buffer.from(png.subarray(1, 4)).toString(), w: Buffer.from(png).readUInt32BE(16), h: Buffer.from(png).readUInt32BE(20) }));`;
    const esm = `const imp = async (n) => import(n); ${body('await imp')} const png = await svgToPng(svg, { scale: 2 }); ${print}`;
    const cjs = `${body('require')} svgToPng(svg, { scale: 2 }).then((png) => { ${print} });`;
    for (const [kind, source] of [
      ['esm', esm],
      ['cjs', cjs],
    ] as const) {
      const args = kind === 'esm' ? ['--input-type=module', '-e', source] : ['-e', source];
      const result = await run(process.execPath, args, { cwd: project, timeoutMs: 60_000 });
      expect(result.code, describeFailure(`${kind} svgToPng`, result)).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({ magic: 'PNG', w: 1120, h: 640 });
    }
  });
});
