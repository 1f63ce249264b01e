// Received mail and files keep their bytes in pieces of at most 1 MiB (db/pieces.ts; issue 10, memory): one
// statement binding or returning 25 MB cost ~3× that in memory on SQLite and ~5× on PostgreSQL (hex text),
// and updating a mail's row rewrote its whole raw column with each state change. New bytes are stored in
// pieces of 1 MiB; what was stored before moves as one piece, which readers take as well.
import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from '../connect.ts';
import { bytesType, notNull, refType } from './columns.ts';

/** Where each owner's bytes were, and where they go. */
const MOVES = [
  { from: 'inbound_messages', column: 'raw', to: 'inbound_message_pieces', owner: 'inbound_message_id' },
  { from: 'attachments', column: 'content', to: 'attachment_pieces', owner: 'attachment_id' },
] as const;

export function bytesInPieces(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<any>) {
      for (const { from, column, to, owner } of MOVES) {
        await db.schema
          .createTable(to)
          .addColumn(owner, refType(dialect), (c) => c.notNull().references(`${from}.id`).onDelete('cascade'))
          .addColumn('seq', 'integer', notNull)
          .addColumn('bytes', bytesType(dialect), notNull)
          .addPrimaryKeyConstraint(`${to}_pkey`, [owner, 'seq'])
          .execute();
        await sql`insert into ${sql.table(to)} (${sql.ref(owner)}, seq, bytes) select id, 0, ${sql.ref(column)} from ${sql.table(from)}`.execute(db);
        await db.schema.alterTable(from).dropColumn(column).execute();
      }
    },
    async down(db: Kysely<any>) {
      for (const { from, column, to, owner } of MOVES) {
        await db.schema.alterTable(from).addColumn(column, bytesType(dialect)).execute();
        // One owner at a time: joining pieces in SQL differs by dialect, and one is at most 25 MB.
        const ids = await db.selectFrom(to).select(`${owner} as id`).distinct().execute();
        for (const { id } of ids) {
          const pieces = await db.selectFrom(to).select('bytes').where(owner, '=', id).orderBy('seq').execute();
          await db
            .updateTable(from)
            .set({ [column]: Buffer.concat(pieces.map((piece) => piece.bytes as Buffer)) })
            .where('id', '=', id)
            .execute();
        }
        await db.schema.dropTable(to).execute();
      }
    },
  };
}
