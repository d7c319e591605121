/**
 * `@dlkit/report/png`: SVG pictures to PNG with real text, in Node. The SVG is drawn by resvg (Rust,
 * compiled to WebAssembly: `@resvg/resvg-wasm`) with DejaVu Sans (`@fontsource/dejavu-sans`), both plain
 * npm dependencies, so nothing is downloaded at install or run time. Kept apart from the main entry so the
 * SVG and HTML functions load without 3 MB of wasm and fonts; the renderer starts on the first call.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { check, positiveNumber, ReportError } from './errors';
import { woffToSfnt } from './woff';

/** Options of {@link svgToPng}. */
export interface SvgToPngOptions {
  /** Pixels per SVG unit: 2 draws a 560-wide chart 1120 pixels wide. Default 1. */
  scale?: number;
  /** Background colour behind transparent parts. Default: the SVG's own (dlkit pictures paint white). */
  background?: string;
}

let ready: Promise<Uint8Array[]> | undefined;

async function start(): Promise<Uint8Array[]> {
  // The CJS build has __filename and no import.meta; the ESM build the other way round.
  const require = createRequire(typeof __filename === 'string' ? __filename : import.meta.url);
  const wasmPath = require.resolve('@resvg/resvg-wasm/index_bg.wasm');
  const fontPaths = ['400-normal', '700-normal'].map((w) =>
    require.resolve(`@fontsource/dejavu-sans/files/dejavu-sans-latin-${w}.woff`),
  );
  const [wasm, ...woffs] = await Promise.all([readFile(wasmPath), ...fontPaths.map((p) => readFile(p))]);
  try {
    await initWasm(wasm);
  } catch (e) {
    // Another library in the process may have started the same module: it is usable then.
    if (!(e instanceof Error && /Already initialized/.test(e.message))) throw e;
  }
  return woffs.map((w, i) =>
    woffToSfnt(new Uint8Array(w.buffer, w.byteOffset, w.byteLength), (d) => new Uint8Array(inflateSync(d)), fontPaths[i]),
  );
}

/**
 * Renders an SVG string (any chart of `@dlkit/report`, or your own) to PNG bytes. Text is drawn with DejaVu
 * Sans, which every generic family (`sans-serif`, `system-ui`, …) maps to. The first call loads the renderer
 * and the fonts (≈ 0.2 s); later calls reuse them.
 *
 * @example
 * ```ts
 * import { lineChart } from '@dlkit/report';
 * import { svgToPng } from '@dlkit/report/png';
 * writeFileSync('loss.png', await svgToPng(lineChart({ title: 'Loss', series: [{ name: 'train', y: [0.9, 0.5] }] }), { scale: 2 }));
 * ```
 * @throws {ReportError} `BAD_ARGUMENT` for a string that is not SVG, `RENDER_FAILED` when resvg rejects it.
 */
export async function svgToPng(svg: string, options: SvgToPngOptions = {}): Promise<Uint8Array> {
  check(typeof svg === 'string' && /<svg[\s>]/.test(svg), 'svg', svg, 'an SVG document string');
  const scale = positiveNumber('options.scale', options.scale, 1);
  check(scale <= 16, 'options.scale', scale, 'at most 16');
  check(
    options.background === undefined || typeof options.background === 'string',
    'options.background',
    options.background,
    'a CSS colour',
  );
  ready ??= start().catch((e: unknown) => {
    ready = undefined;
    throw new ReportError(
      'RENDER_FAILED',
      '@resvg/resvg-wasm',
      e instanceof Error ? e.message : e,
      'the SVG renderer and DejaVu Sans to load',
      'reinstall @dlkit/report (its dependencies @resvg/resvg-wasm and @fontsource/dejavu-sans carry the files)',
      e,
    );
  });
  const fontBuffers = await ready;
  let resvg: InstanceType<typeof Resvg> | undefined;
  try {
    resvg = new Resvg(svg, {
      font: {
        fontBuffers,
        defaultFontFamily: 'DejaVu Sans',
        sansSerifFamily: 'DejaVu Sans',
        serifFamily: 'DejaVu Sans',
        monospaceFamily: 'DejaVu Sans',
      },
      fitTo: scale === 1 ? { mode: 'original' } : { mode: 'zoom', value: scale },
      ...(options.background ? { background: options.background } : {}),
    });
    const image = resvg.render();
    try {
      return image.asPng();
    } finally {
      image.free();
    }
  } catch (e) {
    if (e instanceof ReportError) throw e;
    throw new ReportError('RENDER_FAILED', 'svg', svg, 'an SVG resvg can draw', e instanceof Error ? e.message : String(e), e);
  } finally {
    resvg?.free();
  }
}
