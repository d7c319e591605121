import { ModelsError } from './errors';
import { coreNode, nodeFs, nodePath } from './node-builtins';

/** The lock file of a checkpoint folder: present while one run writes checkpoints there. */
export const CHECKPOINT_LOCK = '.lock';

/** What the lock file records about the run holding it. */
interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

/** A held lock; `release` removes the file (once; later calls do nothing). */
export interface CheckpointLock {
  readonly file: string;
  release(): Promise<void>;
}

async function hostName(): Promise<string> {
  const { hostname } = await import('node:os');
  return hostname();
}

function parseOwner(text: string): LockOwner | null {
  try {
    const o = JSON.parse(text) as Partial<LockOwner> | null;
    return o && Number.isInteger(o.pid) && typeof o.host === 'string' ? (o as LockOwner) : null;
  } catch {
    return null;
  }
}

/**
 * Takes the checkpoint folder `dir` for this process: creates `dir/.lock` exclusively, recording pid, host and
 * time. Two runs writing one folder would delete each other's half-written checkpoints (each clears
 * what a killed write left behind) and interleave their indexes, so a second run is refused with a
 * {@link ModelsError} (`code: 'LOCKED'`) naming the file and the run holding it. A lock left by a run that
 * died on this machine (its pid is gone) is taken over; one from another host is only reported, since its
 * process cannot be checked from here. Node only, like the checkpoints themselves.
 */
export async function lockCheckpointDir(dir: string): Promise<CheckpointLock> {
  // The owner is in the lock from the moment it exists: a run killed in between cannot leave one nobody can read.
  const [{ mkdir, readFile, rm }, { join }, { createFileAtomic, processAlive }] = await Promise.all([
    nodeFs(),
    nodePath(),
    coreNode(),
  ]);
  await mkdir(dir, { recursive: true });
  const file = join(dir, CHECKPOINT_LOCK);
  const host = await hostName();
  const me: LockOwner = { pid: process.pid, host, since: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      await createFileAtomic(file, JSON.stringify(me));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw lockError(file, e, null);
      const owner = parseOwner(await readFile(file, 'utf8').catch(() => ''));
      // Ours already (a second trainer in this very process) is as much a conflict as another process.
      const stale = owner !== null && owner.host === host && owner.pid !== process.pid && !processAlive(owner.pid);
      if (!stale) throw lockError(file, e, owner);
      await rm(file, { force: true });
    }
  }
  let held = true;
  return {
    file,
    async release() {
      if (!held) return;
      held = false;
      await rm(file, { force: true });
    },
  };
}

function lockError(file: string, cause: unknown, owner: LockOwner | null): ModelsError {
  const code = (cause as NodeJS.ErrnoException).code;
  if (code !== 'EEXIST') {
    return new ModelsError('checkpoint.dir', (cause as Error).message, 'a folder this process can write', undefined, {
      file,
      cause,
    });
  }
  const who = owner === null ? 'an unreadable lock' : `pid ${owner.pid} on ${owner.host}, since ${owner.since}`;
  return new ModelsError(
    'checkpoint.dir',
    'a folder another training run is writing checkpoints to',
    'a checkpoint folder no other run is using',
    // The holder goes in the hint: `received` is shortened in messages, and a host name can be long.
    `held by ${who}; give each run its own checkpoint folder, and if that run is gone (another machine, or a copied folder) delete the lock file`,
    { file, cause, code: 'LOCKED' },
  );
}
