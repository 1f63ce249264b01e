// Migration 011 goes down and up again on both dialects, keeping the settings it does not own.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Migrator } from 'kysely';
import { migrationsFor } from '../../src/db/migrations/index.ts';
import type { Database } from '../../src/db/database.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

describe('migration 011-custom-email', () => {
  let database: TestDatabase;
  let db: Database;
  let migrator: Migrator;

  before(async () => {
    database = await createTestDatabase({ migrate: false });
    db = database.open();
    migrator = new Migrator({ db: db.db, provider: { getMigrations: async () => migrationsFor(db.dialect) } });
    assert.equal((await migrator.migrateTo('011-custom-email')).error, undefined);
  });
  after(() => database.drop());

  it('goes down to 010 and up again', async () => {
    const names = Object.keys(migrationsFor(db.dialect)).sort();
    assert.equal((await migrator.migrateTo(names[names.indexOf('011-custom-email') - 1]!)).error, undefined, 'down');
    const tables = (await db.db.introspection.getTables()).map((t) => t.name);
    assert.equal(tables.includes('custom_email_credentials'), false, 'its table is gone');
    assert.equal((await migrator.migrateTo('011-custom-email')).error, undefined, 'up again');
    const settings = (await db.db.introspection.getTables()).find((t) => t.name === 'service_desk_settings');
    assert.ok(
      settings?.columns.some((c) => c.name === 'custom_email_token_hash'),
      'the verification columns are back',
    );
  });
});
