import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { recordLatestReport, readLatestReport } from '../src/latest-report';
import { collectLatestReports, resultsPageHtml } from '../src/results-page';

describe('results page', () => {
  it("links each example's last report relative to the page and shows its headline", async () => {
    const root = await mkdtemp(join(tmpdir(), 'dlkit-results-'));
    onTestFinished(() => rm(root, { recursive: true, force: true }));
    const reports = join(root, 'mnist-convnet', 'reports');
    await mkdir(reports, { recursive: true });
    await writeFile(join(reports, 'run.html'), '<html></html>');
    await recordLatestReport(reports, {
      example: 'mnist-convnet',
      title: 'ConvNet on <MNIST>',
      headline: { 'test accuracy': '98.7 %' },
      html: join(reports, 'run.html'),
      note: 'bundled sample',
    });
    await mkdir(join(root, 'broken', 'reports'), { recursive: true });
    await writeFile(join(root, 'broken', 'reports', 'latest.json'), '{not json');

    const record = await readLatestReport(join(reports, 'latest.json'));
    expect(record?.html).toBe('run.html');
    const entries = await collectLatestReports(root);
    expect(entries.map((e) => e.report.example)).toEqual(['mnist-convnet']);
    const html = resultsPageHtml(entries, join(root, 'results.html'));
    expect(html).toContain('href="mnist-convnet/reports/run.html"');
    expect(html).toContain('98.7 %');
    expect(html).toContain('ConvNet on &lt;MNIST&gt;');
    expect(html).toContain('bundled sample');
  });

  it('finds records in nested --out folders, skips checkpoint indexes, node_modules and folders too deep', async () => {
    const root = await mkdtemp(join(tmpdir(), 'dlkit-results-'));
    onTestFinished(() => rm(root, { recursive: true, force: true }));
    const record = (dir: string, example: string) =>
      mkdir(dir, { recursive: true }).then(() => recordLatestReport(dir, { example, title: example, headline: {} }));
    await record(join(root, 'tsne-features', 'reports', 'tsne-features'), 'tsne-features');
    await record(join(root, 'siamese', 'out'), 'siamese');
    await record(join(root, 'siamese', 'node_modules', 'x'), 'not-a-run');
    await record(join(root, 'siamese', 'a', 'b', 'c', 'd'), 'too-deep');
    // @dlkit/models names its checkpoint index latest.json too: not a run record, not listed.
    await mkdir(join(root, 'cifar-cnn', 'ck'), { recursive: true });
    await writeFile(join(root, 'cifar-cnn', 'ck', 'latest.json'), JSON.stringify({ checkpoint: 'epoch-1', epoch: 1 }));

    const entries = await collectLatestReports(root);
    expect(entries.map((e) => [e.report.example, e.dir])).toEqual([
      ['siamese', join(root, 'siamese', 'out')],
      ['tsne-features', join(root, 'tsne-features', 'reports', 'tsne-features')],
    ]);
  });

  it('says so when no example has run', () => {
    expect(resultsPageHtml([], '/tmp/results.html')).toContain('No example has written a report yet');
  });
});
