// Gathers a stream's chunks into pieces of PIECE_BYTES (the last shorter), each owning its memory exactly,
// as db/pieces.ts stores them and a worker thread can be lent them: a large mail or file is never joined
// into one Buffer, and never copied more than once on its way in.
import { PIECE_BYTES } from '../../db/pieces.ts';

export class PieceGatherer {
  private readonly pieces: Buffer[] = [];
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Bytes added so far. */
  length = 0;

  add(chunk: Buffer): void {
    this.length += chunk.length;
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    while (this.pendingBytes >= PIECE_BYTES) {
      const piece = Buffer.allocUnsafeSlow(PIECE_BYTES);
      let filled = 0;
      while (filled < PIECE_BYTES) {
        const next = this.pending.shift()!;
        const copied = next.copy(piece, filled, 0, PIECE_BYTES - filled);
        filled += copied;
        if (copied < next.length) this.pending.unshift(next.subarray(copied));
      }
      this.pieces.push(piece);
      this.pendingBytes -= PIECE_BYTES;
    }
  }

  /** The pieces, at least one (empty when nothing was added). */
  finish(): Buffer[] {
    const last = Buffer.allocUnsafeSlow(this.pendingBytes);
    let offset = 0;
    for (const chunk of this.pending) offset += chunk.copy(last, offset);
    this.pending = [];
    this.pendingBytes = 0;
    if (last.length > 0 || this.pieces.length === 0) this.pieces.push(last);
    return this.pieces;
  }
}
