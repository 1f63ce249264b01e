// Migration 008 on a database that already holds files: SQLite rebuilds the attachments table (it cannot
// drop a NOT NULL), so the rows, their bytes and their ids must come through; afterwards an upload without
// a ticket fits, and going back down removes only such uploads.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type MigrationSteps, openMigrationSteps, seedTicket } from '../helpers/migration-steps.ts';

describe('migration 008-agent-uploads', () => {
  let steps: MigrationSteps;
  const bytes = Buffer.from([0, 1, 2, 255, 13, 10]);

  before(async () => {
    steps = await openMigrationSteps();
    await steps.to(steps.before('008-agent-uploads'));
  });
  after(() => steps.database.drop());

  it('keeps existing files, then takes uploads without a ticket, and going down drops only those', async () => {
    const k = steps.db.db as any;
    const { userId, projectId, ticketId, now } = await seedTicket(steps.db);
    const file = await k
      .insertInto('attachments')
      .values({ ticket_id: ticketId, note_id: null, filename: 'a.pdf', content_type: 'application/pdf', size: bytes.length, content: bytes, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();

    await steps.to('008-agent-uploads');
    const kept = await k.selectFrom('attachments').selectAll().where('id', '=', file.id).executeTakeFirstOrThrow();
    assert.equal(kept.ticket_id, ticketId);
    assert.deepEqual(Buffer.from(kept.content), bytes);
    assert.equal(kept.uploader_id, null);
    const upload = await k
      .insertInto('attachments')
      .values({
        ticket_id: null,
        note_id: null,
        project_id: projectId,
        uploader_id: userId,
        filename: 'b.txt',
        content_type: 'text/plain',
        size: 1,
        content: Buffer.from('b'),
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    assert.ok(upload.id > file.id, 'ids go on from where they were');

    await steps.down();
    const left = await k.selectFrom('attachments').select('id').orderBy('id').execute();
    assert.deepEqual(
      left.map((r: { id: number }) => r.id),
      [file.id],
    );
    await steps.to('008-agent-uploads', 'and up again');
  });
});
