// db/locks.ts: a named lock has one holder among every service on the database (two services here stand
// for two processes); releasing it, or (PostgreSQL) losing its session, lets the other take it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createLockService } from '../../src/db/locks.ts';
import { createTestDatabase, usingPostgres, type TestDatabase } from '../helpers/database.ts';

describe('named locks', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.drop());

  it('has one holder at a time, and the other takes it once released', async () => {
    const [a, b] = [createLockService(database.config), createLockService(database.config)];
    try {
      const held = await a.tryAcquire('imap-mailbox:one');
      assert.ok(held, 'the first takes a free lock');
      assert.equal(await b.tryAcquire('imap-mailbox:one'), null, 'the second may not take it');
      assert.equal(await a.tryAcquire('imap-mailbox:one'), null, 'nor the holder twice');
      assert.ok(await b.tryAcquire('imap-mailbox:two'), 'another name is another lock');
      await held.release();
      assert.ok(await b.tryAcquire('imap-mailbox:one'), 'free again after release');
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('frees every lock when its service closes (a process ending)', async () => {
    const [a, b] = [createLockService(database.config), createLockService(database.config)];
    try {
      assert.ok(await a.tryAcquire('closing'));
      await a.close();
      assert.ok(await b.tryAcquire('closing'));
    } finally {
      await b.close();
    }
  });

  it('reports the lock lost when its PostgreSQL session dies, and the server frees it', { skip: !usingPostgres() && 'PostgreSQL only' }, async () => {
    const [a, b] = [createLockService(database.config), createLockService(database.config)];
    const db = database.open();
    try {
      const held = await a.tryAcquire('session');
      assert.ok(held);
      const lost = new Promise<void>((resolve) => held.lost.addEventListener('abort', () => resolve()));
      await sql`select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and granted
                and database = (select oid from pg_database where datname = current_database())`.execute(db.db);
      await lost;
      assert.ok(await b.tryAcquire('session'), 'the server freed it with the session');
      assert.equal(await a.tryAcquire('session'), null, 'and the first, reconnected, does not get it back');
    } finally {
      await a.close();
      await b.close();
    }
  });
});
