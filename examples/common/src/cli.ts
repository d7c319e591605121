import { parseArgs, type ParseArgsConfig } from 'node:util';

/** One flag of an example's command line. Every value flag is read as a string and checked by the getters. */
export interface FlagSpec {
  type: 'string' | 'boolean';
  short?: string;
}

/** The parsed command line with typed, checked getters; every getter exits with status 2 and the usage on bad input. */
export interface Cli {
  /** The raw value of a string flag, or undefined when absent. */
  str(name: string): string | undefined;
  /** A boolean flag. */
  flag(name: string): boolean;
  /** A positive integer (or ≥ `min`). */
  int(name: string, fallback: number, min?: number): number;
  /** A finite number ≥ `min` (default 0). */
  float(name: string, fallback: number, min?: number): number;
  /** One of `choices`. */
  choice<T extends string>(name: string, choices: readonly T[], fallback: T): T;
  /** A comma-separated list, each item one of `choices` (or any string when `choices` is omitted). */
  list<T extends string = string>(name: string, fallback: readonly T[], choices?: readonly T[]): T[];
  /** A comma-separated list of numbers. */
  numbers(name: string, fallback: readonly number[]): number[];
  /** Exactly `fallback.length` comma-separated positive integers (layer widths, e.g. `--nstates 64,64,128`). */
  ints(name: string, fallback: readonly number[]): number[];
  /** Prints `example: message`, the usage, and exits with status 2. */
  die(message: string): never;
}

/**
 * Parses `process.argv` for an example: drops the `--` that `pnpm start -- --flag` passes through, prints the
 * usage for `-h/--help` and exits 0, and exits 2 with the usage on an unknown flag or a bad value.
 * `--json`, `--out`, `--seed` and `--help` are standard and always accepted.
 */
export function parseCli(
  name: string,
  usage: string,
  flags: Record<string, FlagSpec>,
  argv: readonly string[] = process.argv.slice(2),
): Cli {
  const die = (message: string): never => {
    console.error(`${name}: ${message}\n\n${usage}`);
    process.exit(2);
  };
  const args = [...argv];
  if (args[0] === '--') args.shift();
  const options: ParseArgsConfig['options'] = {
    json: { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    ...flags,
  };
  let values: Record<string, string | boolean | undefined> = {};
  try {
    ({ values } = parseArgs({ args, options, allowPositionals: false }) as {
      values: Record<string, string | boolean | undefined>;
    });
  } catch (e) {
    die((e as Error).message);
  }
  if (values.help === true) {
    console.log(usage);
    process.exit(0);
  }
  const str = (k: string): string | undefined => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const cli: Cli = {
    str,
    flag: (k) => values[k] === true,
    int(k, fallback, min = 1) {
      const v = str(k);
      if (v === undefined) return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min) return die(`--${k} must be an integer ≥ ${min}, got ${JSON.stringify(v)}`);
      return n;
    },
    float(k, fallback, min = 0) {
      const v = str(k);
      if (v === undefined) return fallback;
      const n = Number(v);
      if (v.trim() === '' || !Number.isFinite(n) || n < min)
        return die(`--${k} must be a number ≥ ${min}, got ${JSON.stringify(v)}`);
      return n;
    },
    choice(k, choices, fallback) {
      const v = str(k);
      if (v === undefined) return fallback;
      if (!(choices as readonly string[]).includes(v))
        return die(`--${k} must be one of ${choices.join(', ')}, got ${JSON.stringify(v)}`);
      return v as (typeof choices)[number];
    },
    list(k, fallback, choices) {
      const v = str(k);
      if (v === undefined) return [...fallback];
      const items = v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
      if (items.length === 0) return die(`--${k} needs at least one item`);
      if (choices) {
        const bad = items.find((s) => !(choices as readonly string[]).includes(s));
        if (bad !== undefined) return die(`--${k}: ${JSON.stringify(bad)} is not one of ${choices.join(', ')}`);
      }
      return items as never;
    },
    numbers(k, fallback) {
      const v = str(k);
      if (v === undefined) return [...fallback];
      const items = v.split(',').map((s) => Number(s.trim()));
      if (items.length === 0 || items.some((n) => !Number.isFinite(n)))
        return die(`--${k} takes comma-separated numbers, got ${JSON.stringify(v)}`);
      return items;
    },
    ints(k, fallback) {
      const v = cli.numbers(k, fallback);
      if (v.length !== fallback.length || v.some((x) => !Number.isInteger(x) || x <= 0)) {
        return die(`--${k} takes ${fallback.length} positive integers, e.g. ${fallback.join(',')}`);
      }
      return v;
    },
    die,
  };
  return cli;
}
