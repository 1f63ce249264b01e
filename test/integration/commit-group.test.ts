// Group commit (db/commit-group.ts) against a real database: a burst of durable writes shares commits, each
// writer hears back only after the commit holding its write, and one failing write fails only itself.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { CommitGroup } from '../../src/db/commit-group.ts';
import type { Database, TransactionScope } from '../../src/db/database.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';

let tdb: TestDatabase;
let db: Database;
before(async () => {
  tdb = await createTestDatabase();
  db = tdb.open();
});
after(() => tdb.drop());

describe('commit strength', () => {
  /** What the connection would do at this transaction's commit: wait for the disk or not. */
  const waitsForDisk = async (trx: TransactionScope['trx']) => {
    if (db.dialect === 'postgres') return (await sql<{ s: string }>`select current_setting('synchronous_commit') as s`.execute(trx)).rows[0]!.s === 'on';
    return (await sql<{ synchronous: number }>`pragma synchronous`.execute(trx)).rows[0]!.synchronous === 2; // FULL
  };

  it('flushes a durable transaction to disk, and only that one', async () => {
    assert.equal(await db.transaction(({ trx }) => waitsForDisk(trx), { durable: true }), true, 'durable');
    assert.equal(await db.transaction(({ trx }) => waitsForDisk(trx)), false, 'ordinary');
    // Started while a durable one waits for the connection (SQLite) or runs beside it (PostgreSQL).
    const [durable, ordinary] = await Promise.all([
      db.transaction(({ trx }) => waitsForDisk(trx), { durable: true }),
      db.transaction(({ trx }) => waitsForDisk(trx)),
    ]);
    assert.deepEqual([durable, ordinary], [true, false]);
  });
});

describe('group commit', () => {
  const insertUser = (trx: TransactionScope['trx'], name: string) => {
    const now = new Date().toISOString();
    return trx
      .insertInto('users')
      .values({
        username: name,
        username_lower: name.toLowerCase(),
        email: `${name}@x.test`,
        name,
        state: 'active',
        admin: 0,
        bot: 0,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  };

  it('stores a burst in fewer commits than writes, each answered after its commit', async () => {
    const transactions = new Set<unknown>();
    const group = new CommitGroup(db, async ({ trx }, name: string) => {
      transactions.add(trx);
      return (await insertUser(trx, name)).id;
    });
    const names = Array.from({ length: 40 }, (_, i) => `burst${i}`);
    const ids = await Promise.all(names.map((name) => group.add(name)));
    assert.equal(new Set(ids).size, names.length, 'every write has its own row');
    assert.ok(transactions.size < names.length / 4, `40 writes shared ${transactions.size} commits`);
    // Answered means committed: another connection's view (PostgreSQL) or a fresh read sees every row.
    const stored = await db.db.selectFrom('users').select('id').where('username', 'like', 'burst%').execute();
    assert.equal(stored.length, names.length);
  });

  it('fails only the write that fails; the rest of its group is stored', async () => {
    const group = new CommitGroup(db, async ({ trx }, name: string) => (await insertUser(trx, name)).id);
    const outcomes = await Promise.allSettled(['ok1', 'ok2', 'clash', 'clash', 'ok3'].map((name) => group.add(name)));
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled'],
      'the second "clash" breaks the unique username, alone',
    );
    const stored = await db.db.selectFrom('users').select('username').where('username', 'in', ['ok1', 'ok2', 'ok3', 'clash']).execute();
    assert.equal(stored.length, 4);
  });

  it('lets writes of different kinds that arrive together share one commit', async () => {
    const transactions = new Set<unknown>();
    const write = async ({ trx }: TransactionScope, name: string) => {
      transactions.add(trx);
      return (await insertUser(trx, name)).id;
    };
    // Two kinds, as a received mail and a delivery marked sending are; each group is made anew, as callers do.
    const ids = await Promise.all([
      CommitGroup.shared(db, write).add('kinda1'),
      CommitGroup.shared(db, write).add('kindb1'),
      CommitGroup.shared(db, write).add('kinda2'),
    ]);
    assert.equal(new Set(ids).size, 3);
    assert.equal(transactions.size, 1, 'one durable commit for all three');
  });
});
