// How much Redis memory a sweep takes: INFO memory before, after queueing N small trials, and after their
// results are stored. Starts its own redis-server on a free loopback port (no persistence) and stops it.
//   pnpm --filter @dlkit/sweep build && pnpm exec node bench/redis-memory.mjs [N]
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { defineSweep, runSweep, startWorker } from '@dlkit/sweep';

const count = Number(process.argv[2] ?? 1000);
const port = await new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
const server = spawn(
  '/usr/bin/redis-server',
  ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
  { stdio: 'ignore' },
);
// The server is this script's: stopped however the script ends.
process.on('exit', () => server.kill('SIGTERM'));
const url = `redis://127.0.0.1:${port}`;
// ioredis retries the connection (up to 5 s) while the server starts.
const client = new Redis({ port, host: '127.0.0.1', retryStrategy: (n) => (n > 50 ? null : 100) });
client.on('error', () => undefined);
await client.ping();
const used = async () => Number(/used_memory:(\d+)/.exec(await client.info('memory'))[1]);

const module = new URL('./tiny-trial.mjs', import.meta.url).href;
// Settings the size of a real grid point (convnet-sweep's: data, setting, sizes).
const sweep = defineSweep({
  name: 'memory',
  trials: Array.from({ length: count }, (_, i) => ({
    trial: { module, name: 'tinyTrial' },
    seed: i + 1,
    settings: {
      data: 'mnist',
      setting: { pooling: 'l2', nstates: [32, 32, 128], activation: 'tanh', dropout: 0 },
      samples: 600,
      epochs: 5,
      evalSize: 1000,
      batchSize: 32,
      learningRate: 0.001,
    },
  })),
});
const before = await used();
let queued = 0;
let workers = [];
const t0 = performance.now();
const report = await runSweep(sweep, {
  redis: url,
  onQueued: async () => {
    queued = await used();
    // Workers start only now, so "queued" is measured with every trial waiting.
    workers = await Promise.all([1, 2].map((n) => startWorker({ redis: url, name: `m${n}`, concurrency: 4 })));
  },
});
const seconds = (performance.now() - t0) / 1000;
const after = await used();
await Promise.all(workers.map((w) => w.close()));
const keys = await client.dbsize();
client.disconnect();
server.kill('SIGTERM');
const kb = (b) => `${(b / 1024).toFixed(0)} KiB`;
console.log(
  `${count} trials: used_memory before ${kb(before)}, queued ${kb(queued)} (+${kb(queued - before)}), results stored ${kb(after)} (+${kb(after - before)}); ${keys} keys; ${report.failed} failed; ${seconds.toFixed(1)} s`,
);
console.log(
  `per trial: queued ${((queued - before) / count).toFixed(0)} B, with result ${((after - before) / count).toFixed(0)} B`,
);
