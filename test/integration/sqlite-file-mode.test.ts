// The SQLite files hold tickets, customers' addresses and sealed secrets: readable by Postdesk's user only,
// whatever the umask (issue 9). Runs on SQLite whichever database the suite uses: it opens its own file.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { sql } from 'kysely';
import { connect } from '../../src/db/connect.ts';

const modeOf = (file: string) => statSync(file).mode & 0o777;

it('creates the database, its WAL and shared-memory files 0600, in a 0700 folder, and tightens an existing file', async () => {
  const root = mkdtempSync(join(tmpdir(), 'postdesk-mode-'));
  const previous = process.umask(0o022);
  try {
    const file = join(root, 'data', 'postdesk.sqlite');
    const db = connect({ dialect: 'sqlite', file });
    await sql`create table t (x integer)`.execute(db);
    await sql`insert into t values (1)`.execute(db);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) assert.equal(modeOf(f).toString(8), '600', f);
    assert.equal(modeOf(join(root, 'data')).toString(8), '700');
    await db.destroy();

    const old = join(root, 'old.sqlite');
    writeFileSync(old, '');
    chmodSync(old, 0o644);
    const reopened = connect({ dialect: 'sqlite', file: old });
    assert.equal(modeOf(old).toString(8), '600', 'an existing world-readable file is made private');
    await reopened.destroy();
  } finally {
    process.umask(previous);
    rmSync(root, { recursive: true, force: true });
  }
});
