// A fresh, migrated database per test file: a temp SQLite file, or, when DATABASE_URL names a PostgreSQL
// server, a new database on it that is dropped afterwards. Tests never see each other's rows.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseConfig } from '../../src/config/config.ts';
import { connect } from '../../src/db/connect.ts';
import { Database } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrations/index.ts';

export interface TestDatabase {
  config: DatabaseConfig;
  /** Opens another connection (pool) to the same database, as a second process would. */
  open(): Database;
  dataDir: string;
  drop(): Promise<void>;
}

export const usingPostgres = () => /^postgres(ql)?:/.test(process.env.DATABASE_URL ?? '');

export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'postdesk-test-'));
  let config: DatabaseConfig;
  let dropServerDatabase = async () => {};
  if (usingPostgres()) {
    const serverUrl = process.env.DATABASE_URL!;
    const name = `postdesk_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    config = { dialect: 'postgres', url: url.toString() };
    dropServerDatabase = async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    };
  } else {
    config = { dialect: 'sqlite', file: join(dataDir, 'postdesk.sqlite') };
  }
  const opened: Database[] = [];
  const open = () => {
    const database = new Database(connect(config), config.dialect);
    opened.push(database);
    return database;
  };
  if (options.migrate !== false) {
    const db = open();
    await migrateToLatest(db.db, db.dialect);
  }
  return {
    config,
    open,
    dataDir,
    async drop() {
      await Promise.allSettled(opened.map((d) => d.close()));
      await dropServerDatabase();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
