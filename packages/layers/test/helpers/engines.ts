import { beforeAll } from 'vitest';
import { initBackend } from '@dlkit/backend';

/** The engines every layer and loss is checked on: the default (wasm) and the pure-JS cpu backend. */
export const ENGINES = ['wasm', 'cpu'] as const;
export type Engine = (typeof ENGINES)[number];

/** Inside a `describe`, makes `engine` the active backend before its tests run. */
export function useEngine(engine: Engine): void {
  beforeAll(async () => {
    const info = await initBackend({ prefer: engine, strict: true });
    if (info.backend !== engine) throw new Error(`expected backend ${engine}, got ${info.backend}`);
  });
}
