/**
 * The program one trial runs in (forked by runTrialProcess): receives one `run` message, imports the trial,
 * runs it, sends its progress and its outcome, and exits. A fresh process per trial gives every trial its own
 * engine and nothing left over from the one before.
 */
import { findNonJson } from './canonical-json';
import { loadTrial } from './load-trial';
import type { TrialFailure } from './record';
import type { ChildMessage, RunMessage } from './trial-protocol';

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.connected) resolve();
    else process.send?.(message, undefined, {}, () => resolve());
  });
}

function failure(e: unknown): TrialFailure {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return {
      name: e.name,
      message: e.message,
      ...(typeof code === 'string' ? { code } : {}),
      ...(e.stack ? { stack: e.stack } : {}),
    };
  }
  return { name: 'Error', message: `the trial threw a non-Error value: ${String(e)}` };
}

async function run(message: RunMessage): Promise<void> {
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  try {
    const definition = await loadTrial(message.trial, message.resolveFrom);
    const started = performance.now();
    const result = await definition.run(message.settings, {
      seed: message.seed,
      key: message.key,
      id: message.id,
      threads: message.threads,
      progress: (p) =>
        void send({
          type: 'progress',
          elapsed: (performance.now() - started) / 1000,
          progress: { epoch: p.epoch, epochs: p.epochs, ...(p.loss === undefined ? {} : { loss: p.loss }) },
        }),
    });
    const seconds = (performance.now() - started) / 1000;
    const bad = findNonJson(result, 'result');
    if (bad) {
      const e = new Error(
        `${bad.path} is ${String(bad.value)}, which JSON cannot hold: return finite numbers, strings, booleans, null, plain arrays and objects`,
      );
      e.name = 'SweepError';
      Object.assign(e, { code: 'BAD_RESULT' });
      throw e;
    }
    await send({ type: 'done', status: 'ok', result, startedAt, seconds });
  } catch (e) {
    await send({ type: 'done', status: 'failed', error: failure(e), startedAt, seconds: (performance.now() - t0) / 1000 });
  }
  process.exit(0);
}

// The parent gone (killed) means nobody waits for this trial: stop rather than compute for nothing.
process.on('disconnect', () => process.exit(1));
process.once('message', (message: RunMessage) => void run(message));
