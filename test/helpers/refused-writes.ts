// A database that refuses writes, for real: SQLite full (its page limit set to its size, free pages vacuumed
// away, as on a full disk), PostgreSQL down for this database (new connections refused, open ones terminated).
import { sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../../src/db/database.ts';
import type { TestDatabase } from './database.ts';

/** Runs `during` while `db` (a connection to `database`) cannot write, then makes it whole again. */
export async function whileWritesFail(database: TestDatabase, db: Database, during: () => Promise<void>): Promise<void> {
  const config = database.config;
  if (config.dialect === 'sqlite') {
    await sql`vacuum`.execute(db.db); // no free pages left: a write needs new ones
    const { page_count } = (await sql<{ page_count: number }>`pragma page_count`.execute(db.db)).rows[0]!;
    const { max_page_count } = (await sql<{ max_page_count: number }>`pragma max_page_count`.execute(db.db)).rows[0]!;
    await sql.raw(`pragma max_page_count = ${page_count}`).execute(db.db);
    try {
      await during();
    } finally {
      await sql.raw(`pragma max_page_count = ${max_page_count}`).execute(db.db);
    }
    return;
  }
  const name = new URL(config.url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`alter database ${name} allow_connections false`);
    await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
    await during();
  } finally {
    await admin.query(`alter database ${name} allow_connections true`);
    await admin.end();
  }
}
