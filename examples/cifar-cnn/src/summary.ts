import type { PytorchRun } from './pytorch-run';
import type { Finding } from './findings';
import type { StudyResult } from './studies';

/** Everything a run produced: written as `--json` and rendered by {@link htmlReport}. */
export interface RunSummary {
  example: 'cifar-cnn';
  /** Where the images came from (real CIFAR-10 folder, or the stand-in's size and seed). */
  source: string;
  /** True when the generated stand-in was used: the findings are then indicative only. */
  synthetic: boolean;
  /** Engine and threads, e.g. `wasm (2 threads)`. */
  engine: string;
  trainSamples: number;
  testSamples: number;
  settings: {
    epochs: number;
    seed: number;
    augment: boolean;
    trainPerClass: number;
    testPerClass: number;
    quick: boolean;
    /** The seed-size run (`--full`). Optional in older JSON. */
    full?: boolean;
    /** The step schedule, or null for a constant rate. */
    schedule?: { type: 'step'; stepSize: number; gamma: number } | null;
    /** Training-set channel mean and deviation used to standardise. */
    channelMean: number[];
    channelStd: number[];
  };
  /** Wall seconds the run was expected to take, measured on a few batches before it started. */
  estimatedSeconds?: number;
  /**
   * Reference figures: the seeds' accuracy and, with `--pytorch FILE`, the PyTorch run of
   * `pytorch/cifar_tf_net.py` on the same files (its per-epoch test accuracy against wall seconds).
   */
  references?: { seeds: string; pytorch: PytorchRun | null };
  studies: StudyResult[];
  findings: Finding[];
  /** Wall seconds by phase, plus `total`. */
  timing: Record<string, number>;
  /** ISO time the run finished. */
  finished: string;
  /** How the variants ran (@dlkit/sweep): mode, and each variant's place (host/pid/worker) and time. */
  trials?: {
    mode: 'inline' | 'local' | 'redis';
    workers: number | null;
    reused: number;
    runs: {
      id: string;
      key: string;
      where: { host: string; pid: number; worker: string };
      seconds: number;
      processSeconds: number;
      attempts: number;
    }[];
  };
}
