// Named locks that elect one holder among all processes sharing the database (an IMAP mailbox is read
// by exactly one process at a time, DESIGN §6).
// - PostgreSQL: session-level advisory locks, all held on one dedicated connection of this process (never
//   a pooled one, which would hand the session to other queries). When the process dies its connection
//   closes and the server frees its locks at once, so another process takes over at its next try. When
//   the connection drops while the process lives, every lock it held is reported lost (`lost` aborts):
//   the holder must stop, since another process may already hold the lock.
// - SQLite: one process owns the file, so the locks live in this process.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { pgDriver } from './pg-driver.ts';
import type { DatabaseConfig } from '../config/config.ts';

export interface HeldLock {
  readonly name: string;
  /** Aborted when the lock is lost without `release` (its connection dropped). */
  readonly lost: AbortSignal;
  release(): Promise<void>;
}

export interface LockService {
  /** The lock if no one (in any process) holds it, else null. Never waits for a holder. */
  tryAcquire(name: string): Promise<HeldLock | null>;
  /** Releases every lock this service holds. */
  close(): Promise<void>;
}

export function createLockService(config: DatabaseConfig): LockService {
  return config.dialect === 'postgres' ? postgresLocks(config.url) : inProcessLocks(config.file);
}

/** Advisory locks are keyed by a 64-bit integer: the first 8 bytes of the name's SHA-256. */
const lockKey = (name: string) => createHash('sha256').update(name).digest().readBigInt64BE(0).toString();

function postgresLocks(url: string): LockService {
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  const held = new Map<string, AbortController>();

  const dropped = (gone: pg.Client) => {
    if (client !== gone) return;
    client = null;
    for (const controller of held.values()) controller.abort(new Error('the lock connection to PostgreSQL dropped'));
    held.clear();
    gone.end().catch(() => {});
  };
  const session = async (): Promise<pg.Client> => {
    if (client) return client;
    connecting ??= (async () => {
      const fresh = new (pgDriver().Client)({ connectionString: url, keepAlive: true, application_name: 'postdesk locks' });
      fresh.on('error', () => dropped(fresh));
      fresh.on('end', () => dropped(fresh));
      try {
        await fresh.connect();
        client = fresh;
        return fresh;
      } finally {
        connecting = null;
      }
    })();
    return connecting;
  };

  return {
    async tryAcquire(name) {
      if (held.has(name)) return null;
      const connection = await session();
      const { rows } = await connection.query<{ locked: boolean }>('select pg_try_advisory_lock($1::bigint) as locked', [lockKey(name)]);
      if (!rows[0]?.locked) return null;
      const controller = new AbortController();
      held.set(name, controller);
      return {
        name,
        lost: controller.signal,
        async release() {
          if (held.get(name) !== controller) return;
          held.delete(name);
          if (client === connection) await connection.query('select pg_advisory_unlock($1::bigint)', [lockKey(name)]).catch(() => {});
        },
      };
    },
    async close() {
      held.clear();
      const open = client;
      client = null;
      // Closing the session frees every advisory lock it held.
      if (open) await open.end().catch(() => {});
    },
  };
}

/** Names held per SQLite file, shared by every service of this process (two contexts on one file compete). */
const sqliteHeld = new Map<string, Set<string>>();

function inProcessLocks(file: string): LockService {
  const names = sqliteHeld.get(file) ?? new Set<string>();
  sqliteHeld.set(file, names);
  const mine = new Set<string>();
  return {
    async tryAcquire(name) {
      if (names.has(name)) return null;
      names.add(name);
      mine.add(name);
      return {
        name,
        lost: new AbortController().signal,
        async release() {
          if (mine.delete(name)) names.delete(name);
        },
      };
    },
    async close() {
      for (const name of mine) names.delete(name);
      mine.clear();
    },
  };
}
