import type { JsonValue } from './canonical-json';
import type { TrialFailure } from './record';
import type { TrialProgress, TrialRef } from './trial';

/** Parent → trial process: the one trial to run. */
export interface RunMessage {
  type: 'run';
  trial: TrialRef;
  settings: JsonValue;
  seed: number;
  key: string;
  id: string;
  threads: number;
  /** Folder bare module specifiers resolve from. */
  resolveFrom: string;
}

/** Trial process → parent. */
export type ChildMessage =
  /** `elapsed`: seconds since the trial function started (start-up and imports excluded, for a fair ETA). */
  | { type: 'progress'; progress: TrialProgress; elapsed: number }
  | { type: 'done'; status: 'ok'; result: JsonValue; startedAt: string; seconds: number }
  | { type: 'done'; status: 'failed'; error: TrialFailure; startedAt: string; seconds: number };
