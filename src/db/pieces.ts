// Bytes kept in pieces of at most PIECE_BYTES, in order: a received mail's (inbound_message_pieces) and a
// file's (attachment_pieces), migration 020. No statement binds or returns a whole 25 MB mail or file: on
// SQLite that cost about three times its size in memory (the bound copy, the record, the page cache), on
// PostgreSQL about five (hex text both ways). Readers take pieces of any size, as the migration left them.
import type { Executor } from './database.ts';

export const PIECE_BYTES = 1_048_576;

/** Bytes as one Buffer, or as pieces in order (the SMTP listener gathers a mail so). */
export type Bytes = Buffer | readonly Buffer[];

export const piecesOf = (bytes: Bytes): readonly Buffer[] => (bytes instanceof Uint8Array ? [bytes] : bytes);

export const lengthOf = (bytes: Bytes): number => piecesOf(bytes).reduce((sum, piece) => sum + piece.length, 0);

/**
 * Whose bytes: the table of pieces and the column naming their owner. The tables have the same shape but
 * for that column's name, which Kysely cannot follow through a name chosen at run time: the queries below
 * are typed as on the first table.
 */
const OWNERS = {
  inbound_message: { table: 'inbound_message_pieces', column: 'inbound_message_id' },
  attachment: { table: 'attachment_pieces', column: 'attachment_id' },
} as const satisfies Record<string, { table: string; column: string }>;

export type PiecesOwner = keyof typeof OWNERS;

type Typed = { table: 'inbound_message_pieces'; column: 'inbound_message_id' };
const ownerOf = (owner: PiecesOwner) => OWNERS[owner] as unknown as Typed;

/** Inserts the bytes of `owner` `id`, one statement per piece (one for anything under 1 MiB). */
export async function writePieces(trx: Executor, owner: PiecesOwner, id: number, bytes: Bytes): Promise<void> {
  const { table, column } = ownerOf(owner);
  for (const [seq, piece] of storedPieces(bytes).entries()) {
    await trx
      .insertInto(table)
      .values({ [column]: id, seq, bytes: piece } as { inbound_message_id: number; seq: number; bytes: Buffer })
      .execute();
  }
}

/** The bytes of `owner` `id` in their pieces, in order, in one statement. */
export async function readPieces(db: Executor, owner: PiecesOwner, id: number): Promise<Buffer[]> {
  const { table, column } = ownerOf(owner);
  const rows = await db.selectFrom(table).select('bytes').where(column, '=', id).orderBy('seq').execute();
  if (rows.length === 0) throw new Error(`${owner} ${id} has no stored bytes`);
  return rows.map((row) => row.bytes);
}

/** The bytes of `owner` `id` as one Buffer. */
export async function readBytes(db: Executor, owner: PiecesOwner, id: number): Promise<Buffer> {
  const pieces = await readPieces(db, owner, id);
  return pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces);
}

/** The bytes of `owner` `id`, a piece at a time: a download need not hold the whole of them. */
export async function* streamPieces(db: Executor, owner: PiecesOwner, id: number): AsyncGenerator<Buffer> {
  const { table, column } = ownerOf(owner);
  for (let seq = 0; ; seq++) {
    const row = await db.selectFrom(table).select('bytes').where(column, '=', id).where('seq', '=', seq).executeTakeFirst();
    if (!row) return;
    yield row.bytes;
  }
}

/** The given pieces, each larger one cut into views of PIECE_BYTES; at least one piece, if empty. */
function storedPieces(bytes: Bytes): Buffer[] {
  const pieces: Buffer[] = [];
  for (const piece of piecesOf(bytes)) {
    for (let start = 0; start < piece.length; start += PIECE_BYTES) pieces.push(piece.subarray(start, start + PIECE_BYTES));
  }
  return pieces.length > 0 ? pieces : [Buffer.alloc(0)];
}
