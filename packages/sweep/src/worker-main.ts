import { parseArgs } from 'node:util';
import { SweepError } from './errors';
import { DEFAULT_QUEUE, startWorker, type SweepWorker, type WorkerEvent } from './worker';

const USAGE = `Usage: dlkit-worker --redis URL [options]
Takes trials from a sweep queue on Redis and runs each in a fresh process, until stopped (SIGINT/SIGTERM
finish the running trials first; a second signal kills them, and Redis gives them to another worker).
  --redis URL             redis://[user:password@]host[:port][/db] (required)
  --queue NAME            queue name (default ${DEFAULT_QUEUE})
  --name NAME             this worker's name in the results (default host:pid)
  --concurrency N         trials at once, one process each (default 1)
  --resolve-from DIR      folder trial modules are resolved from (default the current folder)
  --lock-duration MS      a trial's lock; a dead worker's trial is retried after about this (default 30000)
  --stalled-interval MS   how often dead workers' trials are looked for (default 30000)
  --quiet                 no progress lines
  -h, --help              this text
TypeScript trial modules need a loader: NODE_OPTIONS="--import tsx" dlkit-worker --redis URL`;

function int(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new SweepError({ code: 'BAD_ARGUMENT', argument: `--${name}`, received: text, expected: 'a positive integer' });
  return n;
}

function logLine(event: WorkerEvent, quiet: boolean): string | undefined {
  switch (event.type) {
    case 'start':
      return `start ${event.sweep} ${event.id}${event.attempt > 1 ? ` (attempt ${event.attempt})` : ''}`;
    case 'progress': {
      if (quiet) return undefined;
      const p = event.progress;
      const loss = p.loss === undefined ? '' : ` loss ${p.loss.toFixed(4)}`;
      const eta = Number.isFinite(p.eta) ? ` ETA ${p.eta.toFixed(0)} s` : '';
      return `      ${p.id} epoch ${p.epoch}/${p.epochs}${loss}${eta}`;
    }
    case 'done': {
      const o = event.outcome;
      return o.status === 'ok'
        ? `done  ${event.sweep} ${event.id} in ${o.seconds.toFixed(2)} s (pid ${o.where.pid})`
        : `FAIL  ${event.sweep} ${event.id}: ${o.error?.name}: ${o.error?.message.split('\n')[0]}`;
    }
    case 'error':
      return `error ${event.error.message}`;
  }
}

/**
 * The `dlkit-worker` command: parses `argv` (without node and the script), starts a worker and stops it on
 * SIGINT/SIGTERM. Resolves with the exit code: 0 after a clean stop, 2 for bad flags or an unusable Redis.
 */
export async function runWorkerCli(argv: readonly string[]): Promise<number> {
  // biome-ignore lint/suspicious/noImplicitAnyLet: typed by control flow from the parseArgs call below (its precise type)
  let values;
  try {
    ({ values } = parseArgs({
      // `pnpm --filter … worker -- --redis URL` passes pnpm's `--` through: the flags follow it.
      args: argv[0] === '--' ? argv.slice(1) : [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        redis: { type: 'string' },
        queue: { type: 'string' },
        name: { type: 'string' },
        concurrency: { type: 'string' },
        'resolve-from': { type: 'string' },
        'lock-duration': { type: 'string' },
        'stalled-interval': { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    console.error(`dlkit-worker: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.redis === undefined) {
    console.error(`dlkit-worker: --redis URL is required\n\n${USAGE}`);
    return 2;
  }
  const quiet = values.quiet ?? false;
  let worker: SweepWorker | undefined;
  try {
    worker = await startWorker({
      redis: values.redis,
      ...(values.queue ? { queue: values.queue } : {}),
      ...(values.name ? { name: values.name } : {}),
      ...(values['resolve-from'] ? { resolveFrom: values['resolve-from'] } : {}),
      concurrency: int('concurrency', values.concurrency, 1),
      lockDuration: int('lock-duration', values['lock-duration'], 30_000),
      stalledInterval: int('stalled-interval', values['stalled-interval'], 30_000),
      onEvent: (event) => {
        const line = logLine(event, quiet);
        if (line !== undefined) console.log(`[${worker?.name ?? 'worker'}] ${line}`);
      },
    });
  } catch (e) {
    console.error(`dlkit-worker: ${e instanceof SweepError ? `${e.code}: ${e.message}` : (e as Error).stack}`);
    return 2;
  }
  const w = worker;
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (): void => {
      if (stopping) {
        console.log(`[${w.name}] killing the running trials`);
        void w.close(true).then(() => resolve(130));
        return;
      }
      stopping = true;
      console.log(`[${w.name}] stopping after the running trials (signal again to kill them)`);
      void w.close().then(() => resolve(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    // Said only once the signals are handled, so whoever waits for this line may stop the worker at once.
    console.log(`[${w.name}] waiting for trials on ${values.queue ?? DEFAULT_QUEUE}`);
  });
}
