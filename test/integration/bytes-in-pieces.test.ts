// Bytes in pieces (db/pieces.ts, migration 020) on both dialects: what is written is read back byte for byte
// whatever its size and however it was cut up on arrival, and migration 020 moves the bytes of mail and files
// stored before into one piece each, which read back too, and goes down and up.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { RAW_PIECE_BYTES, readRawMessage, readRawPieces, rawMessagePieces, writeRawMessage } from '../../src/app/inbound/raw-message.ts';
import type { Database } from '../../src/db/database.ts';
import { readBytes } from '../../src/db/pieces.ts';
import { type MigrationSteps, openMigrationSteps } from '../helpers/migration-steps.ts';

describe('a received mail’s bytes in pieces', () => {
  let steps: MigrationSteps;
  let db: Database;

  before(async () => {
    steps = await openMigrationSteps();
    db = steps.db;
    await steps.to(steps.before('020-bytes-in-pieces'));
  });
  after(() => steps.database.drop());

  const now = new Date().toISOString();
  const message = async (extra: Record<string, unknown> = {}) =>
    (
      await (db.db as any)
        .insertInto('inbound_messages')
        .values({ channel: 'smtp', raw_sha256: randomBytes(8).toString('hex'), size: 1, envelope_to: '[]', state: 'received', received_at: now, ...extra })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id as number;

  it('moves the bytes of mail stored before into a piece each, which reads back; down and up again', async () => {
    const small = Buffer.from('From: a@example.com\r\n\r\nhello\r\n');
    const large = randomBytes(RAW_PIECE_BYTES * 2 + 17); // stored whole before: one piece over 1 MiB
    const smallId = await message({ raw: small });
    const largeId = await message({ raw: large });
    const fileId = (
      await (db.db as any)
        .insertInto('attachments')
        .values({
          ticket_id: null,
          note_id: null,
          filename: 'a.bin',
          content_type: 'application/octet-stream',
          size: large.length,
          content: large,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id as number;
    await steps.to('020-bytes-in-pieces', 'up');
    assert.deepEqual(await readRawMessage(db.db, smallId), small);
    assert.deepEqual(await readRawMessage(db.db, largeId), large);
    assert.deepEqual(await readBytes(db.db, 'attachment', fileId), large, 'a file too');
    const downloaded: Buffer[] = [];
    for await (const piece of rawMessagePieces(db.db, largeId)) downloaded.push(piece);
    assert.deepEqual(Buffer.concat(downloaded), large, 'the download, piece by piece');

    await steps.down('down');
    const back = await (db.db as any).selectFrom('inbound_messages').select('raw').where('id', '=', largeId).executeTakeFirstOrThrow();
    assert.deepEqual(Buffer.from(back.raw), large, 'the column holds the bytes again');
    const file = await (db.db as any).selectFrom('attachments').select('content').where('id', '=', fileId).executeTakeFirstOrThrow();
    assert.deepEqual(Buffer.from(file.content), large, 'and the file’s');
    await steps.to(null, 'up again');
    assert.deepEqual(await readRawMessage(db.db, largeId), large, 'and in a piece again');
  });

  it('reads back what it wrote, byte for byte, for every size and however the bytes arrived', async () => {
    const cases: Array<[string, Buffer | Buffer[]]> = [
      ['empty', Buffer.alloc(0)],
      ['small', Buffer.from('From: a@example.com\r\n\r\nhi\r\n')],
      ['exactly one piece', randomBytes(RAW_PIECE_BYTES)],
      ['one byte over', randomBytes(RAW_PIECE_BYTES + 1)],
      ['as the SMTP listener cuts it', [randomBytes(RAW_PIECE_BYTES), randomBytes(RAW_PIECE_BYTES), randomBytes(5)]],
      ['in uneven pieces', [randomBytes(70_000), randomBytes(RAW_PIECE_BYTES + 3), randomBytes(11)]],
    ];
    for (const [name, raw] of cases) {
      const id = await message();
      await db.transaction(({ trx }) => writeRawMessage(trx, id, raw));
      const expected = Buffer.isBuffer(raw) ? raw : Buffer.concat(raw);
      assert.deepEqual(await readRawMessage(db.db, id), expected, name);
      assert.deepEqual(Buffer.concat(await readRawPieces(db.db, id)), expected, `${name}, in pieces`);
      const pieces = await db.db.selectFrom('inbound_message_pieces').select('bytes').where('inbound_message_id', '=', id).orderBy('seq').execute();
      assert.ok(
        pieces.every((piece) => piece.bytes.length <= RAW_PIECE_BYTES),
        `${name}: no piece over 1 MiB`,
      );
    }
  });
});
