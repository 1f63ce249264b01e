// Migration 018 (duplicates are the same Message-ID with the same content) on both dialects: up drops the
// old `message-id:` keys and keeps the `sha256:` ones; down removes the new `mail:` keys and rebuilds the old
// ones from what processing recorded (the first mail of a reused Message-ID keeps it); up again works.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Migrator } from 'kysely';
import type { Database } from '../../src/db/database.ts';
import { migrationsFor } from '../../src/db/migrations/index.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

describe('migration 018-same-mail-dedupe', () => {
  let database: TestDatabase;
  let db: Database;
  let migrator: Migrator;

  before(async () => {
    database = await createTestDatabase({ migrate: false });
    db = database.open();
    migrator = new Migrator({ db: db.db, provider: { getMigrations: async () => migrationsFor(db.dialect) } });
    assert.equal((await migrator.migrateTo('017-bounces')).error, undefined, 'up to 017');
  });
  after(() => database.drop());

  it('drops the Message-ID-only keys, and goes down and up again', async () => {
    const now = new Date().toISOString();
    const k = db.db as any;
    const { id: projectId } = await k
      .insertInto('projects')
      .values({ name: 'p', path: 'p', path_lower: 'p', visibility: 'private', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const message = async (sha: string) =>
      (
        await k
          .insertInto('inbound_messages')
          .values({
            channel: 'smtp',
            raw: Buffer.from(sha),
            raw_sha256: sha,
            size: 1,
            envelope_to: '[]',
            message_id: '<same@example.com>',
            state: 'processed',
            project_id: projectId,
            received_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id as number;
    const first = await message('a');
    const second = await message('b');
    await k
      .insertInto('inbound_dedupe')
      .values([
        { key: 'sha256:a', inbound_message_id: first },
        { key: `message-id:${projectId}:<same@example.com>`, inbound_message_id: first },
      ])
      .execute();
    const keys = async () => (await k.selectFrom('inbound_dedupe').select(['key', 'inbound_message_id']).orderBy('key').execute()) as unknown[];

    assert.equal((await migrator.migrateTo('018-same-mail-dedupe')).error, undefined, 'up');
    assert.deepEqual(await keys(), [{ key: 'sha256:a', inbound_message_id: first }]);

    await k
      .insertInto('inbound_dedupe')
      .values({ key: `mail:${projectId}:x:y`, inbound_message_id: second })
      .execute();
    assert.equal((await migrator.migrateTo('017-bounces')).error, undefined, 'down');
    assert.deepEqual(await keys(), [
      { key: `message-id:${projectId}:<same@example.com>`, inbound_message_id: first },
      { key: 'sha256:a', inbound_message_id: first },
    ]);
    assert.equal((await migrator.migrateTo('018-same-mail-dedupe')).error, undefined, 'up again');
    assert.deepEqual(await keys(), [{ key: 'sha256:a', inbound_message_id: first }]);
  });
});
