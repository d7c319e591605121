import { renderBars } from './chart';
import { loadClassifier, type DigitClassifier } from './classifier';
import { drawPad } from './draw-pad';
import { startEngine } from './engine';
import { mnistPreprocess } from './preprocess';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = $('status');
const engineLabel = $('engine');
const prediction = $('prediction');
const bars = $('bars');
const preview = $<HTMLCanvasElement>('preview');
const classifyButton = $<HTMLButtonElement>('classify');

let classifier: DigitClassifier | null = null;

function showPreview(pixels: Float32Array | null): void {
  const ctx = preview.getContext('2d')!;
  const img = ctx.createImageData(28, 28);
  for (let i = 0; i < 784; i++) {
    const v = pixels ? pixels[i]! : 0;
    img.data.set([v, v, v, 255], i * 4);
  }
  ctx.putImageData(img, 0, 0);
}

function classify(): void {
  if (!classifier) return;
  const pixels = mnistPreprocess(pad.gray());
  showPreview(pixels);
  if (pixels === null) {
    prediction.textContent = 'Draw a digit first.';
    delete prediction.dataset.class;
    renderBars(bars, classifier.meta.classNames, null);
    return;
  }
  const t = performance.now();
  const p = classifier.classify(pixels);
  const ms = performance.now() - t;
  let best = 0;
  for (let i = 1; i < p.length; i++) if (p[i]! > p[best]!) best = i;
  prediction.dataset.class = classifier.meta.classNames[best];
  prediction.dataset.ms = ms.toFixed(1);
  prediction.textContent = `It is a ${classifier.meta.classNames[best]} (${(p[best]! * 100).toFixed(1)} %) — ${ms.toFixed(1)} ms`;
  renderBars(bars, classifier.meta.classNames, p);
}

const pad = drawPad($<HTMLCanvasElement>('pad'), classify);
classifyButton.addEventListener('click', classify);
$('clear').addEventListener('click', () => {
  pad.clear();
  showPreview(null);
  prediction.textContent = '';
  delete prediction.dataset.class;
  if (classifier) renderBars(bars, classifier.meta.classNames, null);
});

async function start(): Promise<void> {
  document.body.dataset.state = 'loading';
  const t = performance.now();
  const info = await startEngine(location.search);
  engineLabel.textContent = info.engine;
  engineLabel.title = info.reason;
  document.body.dataset.engine = info.engine;
  classifier = await loadClassifier(`${import.meta.env.BASE_URL}model/`);
  // One warm-up call: WebGL compiles its shaders on the first prediction.
  classifier.classify(new Float32Array(784));
  const m = classifier.meta.training;
  status.textContent =
    `Ready in ${((performance.now() - t) / 1000).toFixed(1)} s — ${m.model}, ${m.parameters.toLocaleString('en')} parameters, ` +
    `${(m.testAccuracy * 100).toFixed(1)} % on ${m.testSamples.toLocaleString('en')} MNIST test digits.`;
  renderBars(bars, classifier.meta.classNames, null);
  classifyButton.disabled = false;
  document.body.dataset.state = 'ready';
}

start().catch((e: unknown) => {
  document.body.dataset.state = 'error';
  status.textContent = `Could not start: ${e instanceof Error ? e.message : String(e)}`;
  status.classList.add('error');
});
