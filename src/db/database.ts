// The one door to the database. It adds what Kysely leaves to us:
// - transactions that retry when SQLite is busy (another process holds the write lock),
// - hooks that run only after a commit (wake the worker, notify listeners), never after a rollback,
// - the dialect, for the few queries that differ (SKIP LOCKED, full-text search),
// - two strengths of commit. A `durable` commit is flushed to disk before it returns: the one that stores
//   a received mail before its 250, and the one that marks a mail `sending` before the relay is told.
//   Every other commit may lag the disk by a moment: after a power cut the database comes back at an
//   earlier, consistent point (every change of a message's state is one transaction with its effects),
//   from which the queued jobs redo the work. A crash of our own process loses nothing either way.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from './schema/index.ts';
import type { Dialect } from './connect.ts';

export type Executor = Kysely<DB> | Transaction<DB>;

export interface TransactionScope {
  trx: Transaction<DB>;
  /** Runs `hook` after this transaction commits; a rollback drops it. */
  onCommit(hook: () => void): void;
}

/** How long a transaction keeps retrying while the database is busy before the error reaches the caller. */
const BUSY_BUDGET_MS = 10_000;

export interface TransactionOptions {
  /** Flush the commit to disk before returning (see the top of this file). */
  durable?: boolean;
}

export class Database {
  /** The after-commit hooks of each open transaction, so code handed only `trx` can still wait for the commit. */
  private readonly openHooks = new WeakMap<Transaction<DB>, Array<() => void>>();

  constructor(
    readonly db: Kysely<DB>,
    readonly dialect: Dialect,
  ) {}

  async transaction<T>(work: (scope: TransactionScope) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const durable = options.durable === true;
    if (!durable || this.dialect !== 'sqlite') return this.retryWhileBusy(this.db, work, durable);
    // SQLite's commit strength belongs to the connection and cannot change inside a transaction: hold the
    // (single) connection from the pragma to the commit, so that no other transaction runs, and pays, at FULL.
    return this.db.connection().execute(async (connection) => {
      await sql`pragma synchronous = FULL`.execute(connection);
      try {
        return await this.retryWhileBusy(connection, work, durable);
      } finally {
        await sql`pragma synchronous = NORMAL`.execute(connection);
      }
    });
  }

  /**
   * One statement that needs no transaction around it (it is atomic alone, and commits by itself), retried
   * while the database is busy as a transaction would be: a begin and a commit fewer, which on PostgreSQL
   * are two round trips. After-commit hooks given `db` run at once, the statement having committed.
   */
  async statement<T>(work: (db: Kysely<DB>) => Promise<T>): Promise<T> {
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      try {
        return await work(this.db);
      } catch (error) {
        if (!isBusyError(error) || Date.now() - started > BUSY_BUDGET_MS) throw error;
        await sleep(Math.min(500, 10 * 2 ** attempt) * (0.5 + Math.random() / 2));
      }
    }
  }

  private async retryWhileBusy<T>(db: Kysely<DB>, work: (scope: TransactionScope) => Promise<T>, durable: boolean): Promise<T> {
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      const hooks: Array<() => void> = [];
      try {
        const result = await db.transaction().execute(async (trx) => {
          // PostgreSQL connections commit without waiting for the disk (connect.ts): a durable one waits.
          if (durable && this.dialect === 'postgres') await sql`set local synchronous_commit to on`.execute(trx);
          this.openHooks.set(trx, hooks);
          return work({ trx, onCommit: (hook) => hooks.push(hook) });
        });
        for (const hook of hooks) hook();
        return result;
      } catch (error) {
        if (!isBusyError(error) || Date.now() - started > BUSY_BUDGET_MS) throw error;
        await sleep(Math.min(500, 10 * 2 ** attempt) * (0.5 + Math.random() / 2));
      }
    }
  }

  /**
   * Runs `hook` once what was written through `executor` is committed: after the transaction's commit
   * (dropped on rollback), or at once outside a transaction, where each statement commits by itself.
   */
  afterCommit(executor: Executor, hook: () => void): void {
    if (!executor.isTransaction) {
      hook();
      return;
    }
    const hooks = this.openHooks.get(executor as Transaction<DB>);
    if (!hooks) throw new Error('afterCommit: this transaction was not opened by Database.transaction');
    hooks.push(hook);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

/** SQLITE_BUSY/LOCKED: another connection holds the write lock longer than busy_timeout. PostgreSQL: serialization failure or deadlock. */
export function isBusyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_LOCKED' || code === '40001' || code === '40P01';
}

/** A unique constraint was violated (SQLite or PostgreSQL). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
