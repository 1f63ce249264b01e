// A received mail's bytes, stored in pieces of at most RAW_PIECE_BYTES (inbound_message_pieces, migration 021),
// so that neither database ever binds or returns a whole mail in one value: memory stays about the mail's
// size, not three to five times it (issue 10: peak RSS under 200 MB for a mail of MAX_MESSAGE_BYTES).
import type { Executor } from '../../db/database.ts';

export const RAW_PIECE_BYTES = 1_048_576;

/** The bytes as received: one Buffer, or pieces in order (the SMTP listener gathers them so). */
export type RawBytes = Buffer | readonly Buffer[];

export const piecesOf = (raw: RawBytes): readonly Buffer[] => (Buffer.isBuffer(raw) ? [raw] : raw);

export const lengthOf = (raw: RawBytes): number => piecesOf(raw).reduce((sum, piece) => sum + piece.length, 0);

/** Inserts the bytes of message `id`, one statement per piece (one for any mail under 1 MiB). */
export async function writeRawMessage(trx: Executor, id: number, raw: RawBytes): Promise<void> {
  for (const [seq, bytes] of storedPieces(raw).entries()) {
    await trx.insertInto('inbound_message_pieces').values({ inbound_message_id: id, seq, bytes }).execute();
  }
}

/** The given pieces, each larger one cut into views of RAW_PIECE_BYTES; at least one piece, if empty. */
function storedPieces(raw: RawBytes): Buffer[] {
  const pieces: Buffer[] = [];
  for (const piece of piecesOf(raw)) {
    for (let start = 0; start < piece.length; start += RAW_PIECE_BYTES) pieces.push(piece.subarray(start, start + RAW_PIECE_BYTES));
  }
  return pieces.length > 0 ? pieces : [Buffer.alloc(0)];
}

/**
 * The bytes of message `id` in their pieces, in order, in one statement: the ingest job hands them to a worker
 * thread as they are (stage-workers.ts), so a large mail is never joined into one Buffer.
 */
export async function readRawPieces(db: Executor, id: number): Promise<Buffer[]> {
  const rows = await db.selectFrom('inbound_message_pieces').select('bytes').where('inbound_message_id', '=', id).orderBy('seq').execute();
  if (rows.length === 0) throw new Error(`inbound message ${id} has no stored bytes`);
  return rows.map((row) => row.bytes);
}

/** The bytes of message `id` as one Buffer (the mail viewer, tests). */
export async function readRawMessage(db: Executor, id: number): Promise<Buffer> {
  const pieces = await readRawPieces(db, id);
  return pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces);
}

/** The bytes of message `id`, piece by piece, for a download that need not hold the whole mail. */
export async function* rawMessagePieces(db: Executor, id: number): AsyncGenerator<Buffer> {
  for (let seq = 0; ; seq++) {
    const row = await db.selectFrom('inbound_message_pieces').select('bytes').where('inbound_message_id', '=', id).where('seq', '=', seq).executeTakeFirst();
    if (!row) return;
    yield row.bytes;
  }
}
