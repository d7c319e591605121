/**
 * What one experiment of the reproduction is: which example runs, with which flags at full size and at
 * `--quick` size, which files it needs, what the seed claimed, how to read dlkit's figures out of the example's
 * JSON, and how long it is expected to take.
 */

/** Where the data of a run lives (absolute paths). */
export interface DataPaths {
  /** The data folder of real runs (`DATA/cifar10/cifar10-jpg.tar.gz`, `DATA/ptb/ptb.*.txt`); undefined if not given. */
  data: string | undefined;
  /** Full Fashion-MNIST (IDX files). */
  fashion: string;
  /** CIFAR-10 as the examples' `--root` takes it (resolved from `data`: the JPEG archive or the binary batches). */
  cifar10: string | undefined;
  /** The PTB folder. */
  ptb: string | undefined;
}

/** Everything a command is built from. */
export interface CommandContext {
  paths: DataPaths;
  /** `--quick`: every experiment at its smallest size on generated stand-in data. */
  quick: boolean;
  /** The experiment's own output folder inside the reproduce folder (JSON, report, checkpoints). */
  dir: string;
  /** The Python interpreter of PyTorch peers. */
  python: string;
}

/** How an example is started: a TypeScript entry run through tsx, or a Python script. */
export interface Command {
  /** `'tsx'`: `node --import tsx SCRIPT`; `'python'`: the Python interpreter. */
  runner: 'tsx' | 'python';
  /** The example's folder, relative to the repository root (`examples/cifar-cnn`); also the working folder. */
  cwd: string;
  /** The entry script relative to `cwd`. */
  script: string;
  /** Flags, with `--json` and the output folders already in. */
  args: string[];
  /** The JSON file the example writes (absolute). */
  json: string;
}

/** A figure the seed (or paper) published and that dlkit's run is compared with. */
export interface Claim {
  /** Stable id within the experiment (`'test-accuracy'`). */
  id: string;
  /** What is measured, in words. */
  what: string;
  /** The seed's figure; null when there is none (dlkit's own figure is reported). */
  seed: number | null;
  /** How the figures read: an accuracy in [0, 1] (shown as %), a perplexity, or a plain fraction. */
  unit: 'accuracy' | 'perplexity' | 'fraction';
  /** Which way is better: `met` means dlkit's figure is at least as good as the seed's. */
  better: 'higher' | 'lower';
  /** Where the seed's figure comes from. */
  source: string;
  /** The key of dlkit's figure in {@link Figures}. */
  figure: string;
  /** The PyTorch peer's figure on the same data: its experiment id and figure key. */
  pytorch?: { experiment: string; figure: string };
  /** How far below (higher-is-better) or above the seed still counts as met, relative (default 0). */
  tolerance?: number;
}

/** The headline numbers read from an example's JSON. */
export type Figures = Record<string, number>;

/** Test accuracy after each epoch against the wall seconds since training started. */
export interface AccuracyCurve {
  seconds: number[];
  accuracy: number[];
}

/** Expected wall time of the full-size run and where the figure comes from. */
export interface Expectation {
  seconds: number;
  /** How the figure was obtained (measured where, by what). */
  source: string;
}

/** One experiment of the catalogue. */
export interface Experiment {
  /** Stable id, the trial id and the `--only` name (`'cifar-tf'`). */
  id: string;
  title: string;
  /** The example folder under `examples/` that runs it. */
  example: string;
  /** The files (or folders) the full-size run reads; a missing one skips the experiment with a message. */
  needs(paths: DataPaths): { path: string | undefined; what: string }[];
  /** The command at full size, or at the smallest size on stand-in data when `ctx.quick`. */
  command(ctx: CommandContext): Command;
  /** The seed's claims, compared with dlkit's figures on the results page. */
  claims: readonly Claim[];
  /** Reads dlkit's headline figures out of the example's JSON; throws a `ReproduceError` naming the missing field. */
  read(json: unknown, file: string): Figures;
  /** The expected wall time of the full-size run. */
  expected: Expectation;
  /** The example flag that prints a measured estimate and stops, and how to read it from the output. */
  estimateOnly?: { flag: string; parse(output: string): number | undefined };
  /** The accuracy-against-time curve, for experiments with a PyTorch peer (both curves are drawn together). */
  curve?(json: unknown, file: string): AccuracyCurve;
  /** Pictures the results page shows: SVG files the example wrote, found from its JSON (`file`: where it is). */
  pictures?(json: unknown, file: string): string[];
  /** What the run cannot show, in words (printed in the plan and on the page). */
  note?: string;
}
