import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../src/catalogue/index';
import type { CommandContext, DataPaths } from '../src/experiment';
import { REPO_ROOT } from '../src/paths';
import { planExperiments } from '../src/plan';

const paths: DataPaths = {
  data: '/data',
  fashion: '/fashion',
  cifar10: '/data/cifar10/cifar10-jpg.tar.gz',
  ptb: '/data/ptb',
};
const context = (quick: boolean): CommandContext => ({
  paths,
  quick,
  dir: `/out/${quick ? 'quick' : 'full'}`,
  python: '/usr/bin/python3',
});

/** The flags an example's usage lists: `--help` of its CLI, or the `add_argument`s of a Python script. */
async function helpFlags(cwd: string, script: string): Promise<Set<string>> {
  let text: string;
  if (script.endsWith('.py')) {
    text = [...readFileSync(join(REPO_ROOT, cwd, script), 'utf8').matchAll(/add_argument\('(--[\w-]+)'/g)]
      .map((m) => m[1])
      .join(' ');
  } else {
    text = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', script, '--help'], { cwd: join(REPO_ROOT, cwd) });
      let out = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
      });
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cwd} --help exited with ${code}`))));
    });
  }
  return new Set(text.match(/--[a-z][\w-]*/g) ?? []);
}

describe('the catalogue', () => {
  it('has unique ids, and every claim reads a figure the experiment defines and names its source', () => {
    const ids = CATALOGUE.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining([
        'cifar-tf',
        'pytorch-cifar',
        'cnn-features-svm',
        'siamese',
        'rnnlm',
        'fashion-convnet',
        'tsne-features',
        'transfer',
      ]),
    );
    for (const e of CATALOGUE) {
      for (const c of e.claims) {
        expect(c.source.length, `${e.id}/${c.id}`).toBeGreaterThan(10);
        if (c.pytorch) expect(ids).toContain(c.pytorch.experiment);
      }
      expect(e.expected.seconds, e.id).toBeGreaterThan(0);
      expect(e.expected.source.length, e.id).toBeGreaterThan(20);
    }
  });

  it('names the seed figures issue 20 cites', () => {
    const seeds = Object.fromEntries(CATALOGUE.map((e) => [e.id, e.claims.map((c) => c.seed)]));
    expect(seeds['cifar-tf']).toEqual([0.746]);
    expect(seeds['cnn-features-svm']).toEqual([0.7685]);
    expect(seeds.siamese).toEqual([0.476, 0.473, 0.682, null]);
    expect(seeds.rnnlm).toEqual([141.2, 124.7, 105.7, 95.5]);
    expect(seeds['fashion-convnet']).toEqual([0.925]);
    expect(seeds.transfer).toEqual([null, null, null]);
    expect(seeds['tsne-features']).toEqual([]);
  });

  it('runs examples that exist, with only flags their --help lists (full size and --quick)', async () => {
    const commands = CATALOGUE.flatMap((e) => [e.command(context(false)), e.command(context(true))]);
    const entries = [...new Set(commands.map((c) => `${c.cwd}\n${c.script}`))];
    const helps = new Map(
      await Promise.all(entries.map(async (k) => [k, await helpFlags(...(k.split('\n') as [string, string]))] as const)),
    );
    for (const e of CATALOGUE) {
      expect(existsSync(join(REPO_ROOT, 'examples', e.example, 'package.json')), e.example).toBe(true);
      for (const quick of [false, true]) {
        const c = e.command(context(quick));
        expect(existsSync(join(REPO_ROOT, c.cwd, c.script)), `${c.cwd}/${c.script}`).toBe(true);
        const listed = helps.get(`${c.cwd}\n${c.script}`) as Set<string>;
        for (const flag of c.args.filter((a) => a.startsWith('--'))) {
          expect(listed.has(flag), `${e.id}${quick ? ' --quick' : ''}: ${flag} is not in ${c.cwd}'s usage`).toBe(true);
        }
        expect(c.args).toContain('--json');
        expect(c.json.startsWith(context(quick).dir)).toBe(true);
      }
    }
  }, 120_000);

  it('embeds seed 004’s CIFAR-10 in tsne-features at full size, read from where the other CIFAR-10 experiments read it', () => {
    const byId = (id: string) => CATALOGUE.find((e) => e.id === id) as (typeof CATALOGUE)[number];
    const tsne = byId('tsne-features');
    const full = tsne.command(context(false)).args;
    expect(full.slice(0, 4)).toEqual(['--data', 'cifar10', '--root', paths.cifar10]);
    const svm = byId('cnn-features-svm').command(context(false)).args;
    expect(full[full.indexOf('--root') + 1]).toBe(svm[svm.indexOf('--root') + 1]);
    expect(tsne.needs(paths)).toEqual(byId('cnn-features-svm').needs(paths));
    expect(tsne.title).toContain('CIFAR-10');
    expect(tsne.note).not.toMatch(/cannot load/);
    // --quick keeps the bundled MNIST sample: seconds, not minutes.
    expect(tsne.command(context(true)).args.slice(0, 2)).toEqual(['--data', 'mnist']);
  });

  it("points siamese's readers at the design that matches the seed: a start from cifar-tf's checkpointed baseline", () => {
    const out = '/out/reproduce';
    const plan = planExperiments({ paths, quick: true, out, python: '/usr/bin/python3', only: ['cifar-tf', 'siamese'] });
    const cifarTf = plan[0].command?.args ?? [];
    // The note names the baseline's folder under cifar-tf's --checkpoint, relative to the reproduce folder OUT.
    expect(cifarTf[cifarTf.indexOf('--checkpoint') + 1]).toBe(join(out, 'cifar-tf', 'checkpoints'));
    expect(plan[1].experiment.note).toContain('--start-from OUT/cifar-tf/checkpoints/tf-batch-64-baseline --margin auto');
  });

  it('resumes from checkpoints where the example has them', () => {
    for (const id of ['cifar-tf', 'pytorch-cifar', 'rnnlm', 'fashion-convnet', 'transfer', 'siamese']) {
      const e = CATALOGUE.find((x) => x.id === id);
      expect(e?.command(context(false)).args, id).toEqual(expect.arrayContaining(['--checkpoint', '--resume']));
    }
  });
});
