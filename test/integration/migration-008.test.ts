// Migration 008 on a database that already holds files: SQLite rebuilds the attachments table (it cannot
// drop a NOT NULL), so the rows, their bytes and their ids must come through; afterwards an upload without
// a ticket fits, and going back down removes only such uploads.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Migrator } from 'kysely';
import { migrationsFor } from '../../src/db/migrations/index.ts';
import type { Database } from '../../src/db/database.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

describe('migration 008-agent-uploads', () => {
  let database: TestDatabase;
  let db: Database;
  let migrator: Migrator;
  const bytes = Buffer.from([0, 1, 2, 255, 13, 10]);

  before(async () => {
    database = await createTestDatabase({ migrate: false });
    db = database.open();
    migrator = new Migrator({ db: db.db, provider: { getMigrations: async () => migrationsFor(db.dialect) } });
    // The migration just before this one (others may land between 005 and 008).
    const names = Object.keys(migrationsFor(db.dialect)).sort();
    const before008 = names[names.indexOf('008-agent-uploads') - 1]!;
    assert.equal((await migrator.migrateTo(before008)).error, undefined);
  });
  after(() => database.drop());

  it('keeps existing files, then takes uploads without a ticket, and going down drops only those', async () => {
    const now = new Date().toISOString();
    const k = db.db as any;
    const user = await k
      .insertInto('users')
      .values({ username: 'u', username_lower: 'u', email: 'u@x.test', name: 'U', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const project = await k
      .insertInto('projects')
      .values({ name: 'P', path: 'p', path_lower: 'p', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ticket = await k
      .insertInto('tickets')
      .values({
        project_id: project.id,
        iid: 1,
        title: 't',
        description: '',
        state: 'opened',
        confidential: 0,
        author_id: user.id,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const file = await k
      .insertInto('attachments')
      .values({ ticket_id: ticket.id, note_id: null, filename: 'a.pdf', content_type: 'application/pdf', size: bytes.length, content: bytes, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();

    assert.equal((await migrator.migrateTo('008-agent-uploads')).error, undefined);
    const kept = await k.selectFrom('attachments').selectAll().where('id', '=', file.id).executeTakeFirstOrThrow();
    assert.equal(kept.ticket_id, ticket.id);
    assert.deepEqual(Buffer.from(kept.content), bytes);
    assert.equal(kept.uploader_id, null);
    const upload = await k
      .insertInto('attachments')
      .values({
        ticket_id: null,
        note_id: null,
        project_id: project.id,
        uploader_id: user.id,
        filename: 'b.txt',
        content_type: 'text/plain',
        size: 1,
        content: Buffer.from('b'),
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    assert.ok(upload.id > file.id, 'ids go on from where they were');

    assert.equal((await migrator.migrateDown()).error, undefined);
    const left = await k.selectFrom('attachments').select('id').orderBy('id').execute();
    assert.deepEqual(
      left.map((r: { id: number }) => r.id),
      [file.id],
    );
    assert.equal((await migrator.migrateTo('008-agent-uploads')).error, undefined, 'and up again');
  });
});
