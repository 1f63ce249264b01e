// Migration 013 on a database that already holds tickets and notes: what 007 indexed as visible still
// held addresses the mask now hides (`bob@example.рф`, `carl@10.0.0.1`); after it, the index holds what
// search-text.ts says, and on PostgreSQL the SQL functions the triggers call split text exactly as the
// JavaScript does (on SQLite they are that JavaScript).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { INDEXED_CHARS, searchAddressText, searchVisibleText } from '../../src/db/search-text.ts';
import { type MigrationSteps, openMigrationSteps, seedTicket } from '../helpers/migration-steps.ts';

const TEXTS = [
  'Mail bob.smith@example.com, <carol@sub.example.org> or "x@y.io"; me@localhost, not @handle.',
  'bob@example.рф and мария@пример.рф wrote',
  'carl@10.0.0.1, carl@[10.0.0.1] and carl@[IPv6:2001:db8::1]',
  '"carol smith"@example.com; o\'brien@example.com; yuki@例え。テスト',
  '«bob@example.com» （bob@example.com）、どうぞ at bob@example.com. **z@q.dev** `code@x.io`',
  'tab\tbob@example.com\u00a0nbsp\u3000ideographic\u2028line carl@10.0.0.1\r\nnext',
  `${'word '.repeat(INDEXED_CHARS / 5 - 1)}carol@example.com and more`,
];

describe('migration 013-address-like-search', () => {
  let steps: MigrationSteps;
  let ticketId: number;
  let noteId: number;

  before(async () => {
    steps = await openMigrationSteps();
    await steps.to(steps.before('013-address-like-search'), 'up to 013');
    const k = steps.db.db as any;
    const seeded = await seedTicket(steps.db, { title: 'Printer', description: 'Write to bob@example.рф or carl@10.0.0.1' });
    const now = seeded.now;
    ticketId = seeded.ticketId;
    const note = await k
      .insertInto('notes')
      .values({ ticket_id: ticketId, author_id: seeded.userId, body: 'Copy мария@пример.рф', system: 0, internal: 0, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    noteId = note.id;
    if (steps.db.dialect === 'sqlite') {
      // SQLite's split is the JavaScript of today: write what 007's JavaScript indexed (the whole text, as
      // neither text held an address its pattern knew).
      const stale = (table: string, id: number, text: string) =>
        sql`delete from ${sql.table(table)} where rowid = ${id}`
          .execute(steps.db.db)
          .then(() => sql`insert into ${sql.table(table)} (rowid, visible, addresses) values (${id}, ${text}, '')`.execute(steps.db.db));
      await stale('ticket_search', ticketId, 'Printer Write to bob@example.рф or carl@10.0.0.1');
      await stale('note_search', noteId, 'Copy мария@пример.рф');
    }
  });
  after(() => steps.database.drop());

  /** Whether the guest-visible column of the index finds the word, for the ticket and for the note. */
  async function visibleFinds(word: string): Promise<{ ticket: boolean; note: boolean }> {
    if (steps.db.dialect === 'postgres') {
      const q = sql`to_tsquery('simple', ${word})`;
      const t = await sql<{ n: number }>`select count(*)::int as n from ticket_search where ticket_id = ${ticketId} and visible @@ ${q}`.execute(steps.db.db);
      const n = await sql<{ n: number }>`select count(*)::int as n from note_search where note_id = ${noteId} and visible @@ ${q}`.execute(steps.db.db);
      return { ticket: t.rows[0]!.n === 1, note: n.rows[0]!.n === 1 };
    }
    const match = `{visible} : "${word}"`;
    const t = await sql<{ rowid: number }>`select rowid from ticket_search where ticket_search match ${match}`.execute(steps.db.db);
    const n = await sql<{ rowid: number }>`select rowid from note_search where note_search match ${match}`.execute(steps.db.db);
    return { ticket: t.rows.some((r) => r.rowid === ticketId), note: n.rows.some((r) => r.rowid === noteId) };
  }

  it('before: 007 left the local parts of IDN and IP addresses in the visible text', async () => {
    assert.deepEqual(await visibleFinds('bob'), { ticket: true, note: false });
    assert.deepEqual(await visibleFinds('carl'), { ticket: true, note: false });
    assert.deepEqual(await visibleFinds('мария'), { ticket: false, note: true });
  });

  it('after: no part of them is visible, the rest of the text is, and new writes follow the same rule', async () => {
    await steps.to(null, 'up');
    for (const word of ['bob', 'carl', 'мария', 'пример', 'example']) assert.deepEqual(await visibleFinds(word), { ticket: false, note: false }, word);
    assert.deepEqual(await visibleFinds('write'), { ticket: true, note: false });
    assert.deepEqual(await visibleFinds('copy'), { ticket: false, note: true });
    await (steps.db.db as any).updateTable('notes').set({ body: 'Copy bob@example.рф' }).where('id', '=', noteId).execute();
    assert.deepEqual(await visibleFinds('bob'), { ticket: false, note: false }, 'the trigger of an edit');
  });

  it('splits text in the database exactly as search-text.ts does', async () => {
    for (const text of TEXTS) {
      const row = await sql<{ visible: string; addresses: string }>`select postdesk_search_visible(${text}) as visible,
        postdesk_search_addresses(${text}) as addresses`.execute(steps.db.db);
      // PostgreSQL's functions also turn ASCII punctuation into spaces (FTS5's tokenizer does it on SQLite).
      const words = (s: string) => (steps.db.dialect === 'postgres' ? s.replace(/[!-/:-@[-`{-~]+/g, ' ') : s);
      assert.equal(row.rows[0]!.visible, words(searchVisibleText(text)), `visible: ${text.slice(0, 80)}`);
      assert.equal(row.rows[0]!.addresses, words(searchAddressText(text)), `addresses: ${text.slice(0, 80)}`);
    }
  });

  it('goes down and up again', async () => {
    await steps.to(steps.before('013-address-like-search'), 'down');
    await steps.to(null, 'up again');
    assert.deepEqual(await visibleFinds('bob'), { ticket: false, note: false });
  });
});
