// What every use case receives: the database, the clock, the configuration, the job bell and the event bus. Built in src/context.ts.
import type { Config } from '../config/config.ts';
import type { Database } from '../db/database.ts';
import type { EventBus } from './events/event-bus.ts';
import type { JustReceived } from './inbound/just-received.ts';
import type { SecretBox } from './secret-box.ts';

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
  /** Tells open pages what changed (after commit: `events/announce.ts`). */
  events: EventBus;
  /** Seals and opens stored secrets (mailbox and SMTP passwords) with SECRET_KEY. */
  secrets: SecretBox;
  /** The bytes of mail just stored here, for the ingest job that follows (inbound/just-received.ts). */
  justReceived: JustReceived;
}

export const isoNow = (deps: Pick<Deps, 'clock'>) => deps.clock().toISOString();
