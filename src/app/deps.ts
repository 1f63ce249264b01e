// What every use case receives: the database, the clock and the configuration. Built in src/context.ts.
import type { Config } from '../config/config.ts';
import type { Database } from '../db/database.ts';

export type Clock = () => Date;

/** Rung after a commit that enqueued jobs, so a worker in this process starts at once instead of at its next poll. */
export interface JobBell {
  ring(): void;
  subscribe(listener: () => void): () => void;
}

export function createJobBell(): JobBell {
  const listeners = new Set<() => void>();
  return {
    ring: () => {
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export interface Deps {
  db: Database;
  clock: Clock;
  config: Config;
  jobBell: JobBell;
}

export const isoNow = (deps: Pick<Deps, 'clock'>) => deps.clock().toISOString();
