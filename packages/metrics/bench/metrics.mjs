// Bench: @dlkit/metrics vs scikit-learn on 1e6 labels (10 classes).
// Run after `pnpm build`: `pnpm bench` (writes bench/results.json).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  classificationReport,
  confusionMatrix,
  createMetricAccumulator,
  precisionRecallFscoreSupport,
  topKAccuracy,
} from '../dist/index.js';

const N = 1_000_000;
const C = 10;
let seed = 12345;
const rand = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x80000000;
};
const yTrue = new Int32Array(N);
const yPred = new Int32Array(N);
for (let i = 0; i < N; i++) {
  yTrue[i] = Math.floor(rand() * C);
  yPred[i] = rand() < 0.7 ? yTrue[i] : Math.floor(rand() * C);
}
const scores = new Float32Array(100_000 * C);
for (let i = 0; i < scores.length; i++) scores[i] = rand();

function time(fn, reps = 7) {
  fn(); // warm up
  const ts = [];
  for (let r = 0; r < reps; r++) {
    const t0 = process.hrtime.bigint();
    fn();
    ts.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  ts.sort((a, b) => a - b);
  return ts[Math.floor(reps / 2)];
}

const ours = {
  confusionMatrix_ms: time(() => confusionMatrix(yTrue, yPred)),
  precisionRecallFscoreSupport_macro_ms: time(() => precisionRecallFscoreSupport(yTrue, yPred, { average: 'macro' })),
  classificationReport_ms: time(() => classificationReport(yTrue, yPred)),
  accumulator_100_batches_ms: time(() => {
    const acc = createMetricAccumulator({ numClasses: C });
    for (let b = 0; b < 100; b++)
      acc.update(yTrue.subarray(b * 10_000, (b + 1) * 10_000), yPred.subarray(b * 10_000, (b + 1) * 10_000));
    acc.result();
  }),
  topKAccuracy_k5_1e5x10_ms: time(() => topKAccuracy({ data: scores, shape: [100_000, C] }, yTrue.subarray(0, 100_000), 5)),
};

const py = `
import time, numpy as np, json
from sklearn.metrics import confusion_matrix, precision_recall_fscore_support, classification_report, top_k_accuracy_score
r = np.random.default_rng(0)
N, C = ${N}, ${C}
yt = r.integers(0, C, N); yp = np.where(r.random(N) < 0.7, yt, r.integers(0, C, N))
sc = r.random((100000, C)).astype(np.float32)
def t(f, reps=5):
    f(); ts = []
    for _ in range(reps):
        t0 = time.perf_counter(); f(); ts.append((time.perf_counter() - t0) * 1000)
    return sorted(ts)[reps // 2]
print(json.dumps({
  "confusionMatrix_ms": t(lambda: confusion_matrix(yt, yp)),
  "precisionRecallFscoreSupport_macro_ms": t(lambda: precision_recall_fscore_support(yt, yp, average="macro")),
  "classificationReport_ms": t(lambda: classification_report(yt, yp)),
  "topKAccuracy_k5_1e5x10_ms": t(lambda: top_k_accuracy_score(yt[:100000], sc, k=5, labels=np.arange(C))),
}))
`;
let sklearn = null;
const res = spawnSync('/usr/bin/python3', ['-c', py], { encoding: 'utf8' });
if (res.status === 0) sklearn = JSON.parse(res.stdout.trim().split('\n').pop());
else sklearn = { skipped: (res.stderr || res.error?.message || 'python3/sklearn unavailable').slice(0, 200) };

const results = { samples: N, classes: C, node: process.version, dlkit: ours, sklearn };
writeFileSync(fileURLToPath(new URL('./results.json', import.meta.url)), JSON.stringify(results, null, 2) + '\n');
console.log(JSON.stringify(results, null, 2));
