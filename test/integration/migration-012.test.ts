// Migration 012 (OAuth 2.0 credentials) goes down and up again on a database with mailboxes of both kinds:
// down drops the credentials and the column that points at them (a column with a foreign key, which SQLite
// drops only in simple cases) and keeps every mailbox row; up again adds them back.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Migrator } from 'kysely';
import { migrationsFor } from '../../src/db/migrations/index.ts';
import type { Database } from '../../src/db/database.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

describe('migration 012-oauth2-grants', () => {
  let database: TestDatabase;
  let db: Database;
  let migrator: Migrator;

  before(async () => {
    database = await createTestDatabase({ migrate: false });
    db = database.open();
    migrator = new Migrator({ db: db.db, provider: { getMigrations: async () => migrationsFor(db.dialect) } });
    assert.equal((await migrator.migrateToLatest()).error, undefined);
  });
  after(() => database.drop());

  it('goes down keeping password mailboxes, and up again', async () => {
    const now = new Date().toISOString();
    const k = db.db as any;
    const mailbox = (identity: string, grant: number | null) => ({
      project_id: null,
      identity,
      url_without_password: `imap://${identity}`,
      password_sealed: grant === null ? 'v1:sealed' : null,
      oauth2_grant_id: grant,
      created_at: now,
    });
    const grant = await k
      .insertInto('oauth2_grants')
      .values({ token_url: 'https://t.example/token', client_id: 'c', client_secret_sealed: 's', refresh_token_sealed: 'r', created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await k
      .insertInto('mailboxes')
      .values([mailbox('a@h:993/INBOX', null), mailbox('b@h:993/INBOX', grant.id)])
      .execute();
    const names = Object.keys(migrationsFor(db.dialect)).sort();
    const before012 = names[names.indexOf('012-oauth2-grants') - 1]!;
    // Migrations after 012 (none yet) would go down first.
    assert.equal((await migrator.migrateTo(before012)).error, undefined, 'down');
    const left = await k.selectFrom('mailboxes').selectAll().orderBy('identity').execute();
    assert.deepEqual(
      left.map((m: Record<string, unknown>) => [m.identity, 'oauth2_grant_id' in m]),
      [
        ['a@h:993/INBOX', false],
        ['b@h:993/INBOX', false],
      ],
    );
    assert.equal((await migrator.migrateToLatest()).error, undefined, 'up again');
    const again = await k.selectFrom('mailboxes').select(['identity', 'oauth2_grant_id']).orderBy('identity').execute();
    assert.deepEqual(
      again.map((m: Record<string, unknown>) => m.oauth2_grant_id),
      [null, null],
    );
  });
});
