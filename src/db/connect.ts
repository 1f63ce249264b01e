// Opens Kysely on the configured dialect: better-sqlite3 (WAL) for one machine, pg for many nodes.
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { DatabaseConfig } from '../config/config.ts';
import { pgDriver } from './pg-driver.ts';
import type { DB } from './schema/index.ts';
import { searchAddressText, searchVisibleText } from './search-text.ts';

export type Dialect = DatabaseConfig['dialect'];

export function connect(config: DatabaseConfig, options: { poolSize?: number } = {}): Kysely<DB> {
  if (config.dialect === 'postgres') {
    // Commits do not wait for the disk unless a transaction asks (Database.transaction's `durable`): most
    // writes are redone by their jobs after a crash of the server, and waiting cost a round trip to say so.
    const pool = new (pgDriver().Pool)({ connectionString: config.url, max: options.poolSize ?? 10, options: '-c synchronous_commit=off' });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    // Nor may one that is checked out (the pool listens only to idle ones): its query fails with the error,
    // which the caller handles (SMTP answers 451, a job tries again); the unhandled event would end the process.
    pool.on('connect', (client) => client.on('error', () => {}));
    return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  }
  if (config.file !== ':memory:') {
    // Tickets, addresses and sealed secrets: readable by this user only. SQLite gives the -wal and -shm files
    // the database file's permissions, so creating that one 0600 covers them.
    mkdirSync(dirname(config.file), { recursive: true, mode: 0o700 });
    closeSync(openSync(config.file, 'a', 0o600));
    chmodSync(config.file, 0o600);
  }
  const sqlite = new SqliteDatabase(config.file);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL in WAL mode survives a crash of this process; the commits that must also survive a power cut
  // (a mail acknowledged with 250) ask for FULL (Database.transaction's `durable`).
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // better-sqlite3 waits for a lock synchronously, freezing the event loop: wait only briefly here and
  // retry the whole transaction asynchronously instead (Database.transaction).
  sqlite.pragma('busy_timeout = 200');
  // The full-text triggers (migration 007) split text with these: the mask's own rules, in JavaScript.
  sqlite.function('postdesk_search_visible', { deterministic: true }, (text) => searchVisibleText(text as string | null));
  sqlite.function('postdesk_search_addresses', { deterministic: true }, (text) => searchAddressText(text as string | null));
  // SQLite plans with the statistics ANALYZE gathers and, unlike PostgreSQL, never gathers them itself:
  // without them a rare search word walks every open ticket instead of the word's few matches. Its own
  // advice for long-lived connections: optimize at open, then periodically (cheap when nothing changed).
  // Best effort: a busy database skips a round rather than failing the start or crashing the timer.
  const optimize = (pragma: string) => {
    try {
      if (sqlite.open) sqlite.pragma(pragma);
    } catch {
      // the next round will do
    }
  };
  optimize('optimize = 0x10002');
  setInterval(() => optimize('optimize'), 3_600_000).unref();
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
}

/** How many prepared statements one SQLite connection keeps: the app's queries, with room for variants. */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * Kysely asks better-sqlite3 to prepare (parse and plan) every statement it runs, about 45 per mail taken in;
 * preparing cost more than running most of them. Statements are kept by their SQL text, least recently used
 * out first. A statement still iterating (a streamed select) is busy: another run of that SQL gets its own.
 * SQLite re-prepares a kept statement by itself when the schema changed under it (a migration).
 */
function withStatementCache(sqlite: SqliteDatabase.Database): Pick<SqliteDatabase.Database, 'prepare' | 'close'> {
  const kept = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(source: string) {
      const statement = kept.get(source);
      if (statement && !statement.busy) {
        kept.delete(source); // and in again: the most recently used go last
        kept.set(source, statement);
        return statement;
      }
      const fresh = sqlite.prepare(source);
      if (statement) return fresh;
      kept.set(source, fresh);
      if (kept.size > STATEMENT_CACHE_SIZE) kept.delete(kept.keys().next().value as string);
      return fresh;
    },
  } as Pick<SqliteDatabase.Database, 'prepare' | 'close'>;
}
