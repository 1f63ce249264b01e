// A received mail's bytes, kept in pieces (db/pieces.ts, inbound_message_pieces): stored before the mail is
// acknowledged, lent in their pieces to the parsing worker, streamed to a download.
import type { Executor } from '../../db/database.ts';
import { type Bytes, readBytes, readPieces, streamPieces, writePieces } from '../../db/pieces.ts';

export { lengthOf, PIECE_BYTES as RAW_PIECE_BYTES, piecesOf } from '../../db/pieces.ts';

/** The bytes as received: one Buffer, or pieces in order (the SMTP listener gathers them so). */
export type RawBytes = Bytes;

export const writeRawMessage = (trx: Executor, id: number, raw: RawBytes) => writePieces(trx, 'inbound_message', id, raw);

/** In their pieces, as the ingest job hands them to a worker thread (a large mail is never joined). */
export const readRawPieces = (db: Executor, id: number) => readPieces(db, 'inbound_message', id);

/** As one Buffer (the mail viewer, tests). */
export const readRawMessage = (db: Executor, id: number) => readBytes(db, 'inbound_message', id);

export const rawMessagePieces = (db: Executor, id: number) => streamPieces(db, 'inbound_message', id);
