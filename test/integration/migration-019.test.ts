// Migration 019 (bounded text) on both dialects: a description or note stored before mail was capped is cut
// to the limit with the notice, its whole text kept as a full-text.txt file of its ticket or note; short
// ones are untouched, and the list and the ticket read the result.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Migrator } from 'kysely';
import { migrationsFor } from '../../src/db/migrations/index.ts';
import { startTestApp, type TestApp, type TestUser } from '../helpers/test-app.ts';
import { readBytes } from '../../src/db/pieces.ts';

const LIMIT = 1_000_000;

describe('migration 019-bounded-text', () => {
  let app: TestApp;
  let owner: TestUser;
  let projectId: number;

  before(async () => {
    app = await startTestApp();
    owner = await app.user({ admin: true });
    projectId = (await app.project(owner)).id;
  });
  after(() => app.close());

  const post = async (path: string, body: object) => (await app.request(owner.token, 'POST', `/api/v1/projects/${projectId}/tickets${path}`, body)).body;

  it('cuts long descriptions and notes stored before, keeping each whole text as a file', async () => {
    const long = await post('', { title: 'Stored long ago', description: 'soon long' });
    const short = await post('', { title: 'Short', description: 'Just this.' });
    const note = await post(`/${long.iid}/notes`, { body: 'soon long too', internal: true });
    const description = `${'Ünïcode line of an old mail 😀\n'.repeat(40_000)}THE END`;
    const body = `${'n'.repeat(1_500_000)}NOTE END`;
    await app.ctx.db.db.updateTable('tickets').set({ description }).where('id', '=', long.id).execute();
    await app.ctx.db.db.updateTable('notes').set({ body }).where('id', '=', note.id).execute();

    const migrator = new Migrator({ db: app.ctx.db.db, provider: { getMigrations: async () => migrationsFor(app.ctx.db.dialect) } });
    const names = Object.keys(migrationsFor(app.ctx.db.dialect)).sort();
    assert.equal((await migrator.migrateTo(names[names.indexOf('019-bounded-text') - 1]!)).error, undefined, 'down');
    assert.equal((await migrator.migrateToLatest()).error, undefined, 'up');

    const rows = await app.ctx.db.db.selectFrom('tickets').select(['id', 'description']).where('project_id', '=', projectId).orderBy('id').execute();
    const cut = rows[0]!.description;
    assert.ok([...cut].length <= LIMIT && cut.endsWith('the whole text is attached as full-text.txt.]*'), `${[...cut].length} characters`);
    assert.ok(description.startsWith(cut.slice(0, cut.indexOf('\n\n*[This text was cut'))), 'the head is the old text’s');
    assert.equal(rows[1]!.description, 'Just this.');
    const noteBody = (await app.ctx.db.db.selectFrom('notes').select('body').where('id', '=', note.id).executeTakeFirstOrThrow()).body;
    assert.ok(noteBody.length <= LIMIT && noteBody.startsWith('nnn') && noteBody.includes('This text was cut'), `${noteBody.length} characters`);

    const files = await app.ctx.db.db.selectFrom('attachments').selectAll().where('ticket_id', 'in', [long.id, short.id]).orderBy('id').execute();
    assert.deepEqual(
      files.map((f) => [f.ticket_id, f.note_id, f.filename, f.content_type, f.size]),
      [
        [long.id, null, 'full-text.txt', 'text/plain; charset=utf-8', Buffer.byteLength(description)],
        [long.id, note.id, 'full-text.txt', 'text/plain; charset=utf-8', body.length],
      ],
    );
    assert.equal((await readBytes(app.ctx.db.db, 'attachment', files[0]!.id)).toString('utf8'), description);
    assert.equal((await readBytes(app.ctx.db.db, 'attachment', files[1]!.id)).toString('utf8'), body);

    const one = (await app.request(owner.token, 'GET', `/api/v1/projects/${projectId}/tickets/${long.iid}`)).body;
    assert.equal(one.description, cut);
    assert.deepEqual(
      one.attachments.map((a: { filename: string }) => a.filename),
      ['full-text.txt'],
    );
  });
});
