// A received mail's bytes leave its row for `inbound_message_pieces` (issue 10, memory): updating a row
// rewrote its whole raw column (a 25 MB mail was written again with each state change), and one statement
// binding or returning 25 MB cost ~3× that in memory on SQLite and ~5× on PostgreSQL (hex text). New mail is
// stored in pieces of 1 MiB; mail stored before moves here as one piece, which readers take as well.
import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from '../connect.ts';
import { bytesType, notNull, refType } from './columns.ts';

export function rawInPieces(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('inbound_message_pieces')
        .addColumn('inbound_message_id', refType(dialect), (c) => c.notNull().references('inbound_messages.id').onDelete('cascade'))
        .addColumn('seq', 'integer', notNull)
        .addColumn('bytes', bytesType(dialect), notNull)
        .addPrimaryKeyConstraint('inbound_message_pieces_pkey', ['inbound_message_id', 'seq'])
        .execute();
      await sql`insert into inbound_message_pieces (inbound_message_id, seq, bytes) select id, 0, raw from inbound_messages`.execute(db);
      await db.schema.alterTable('inbound_messages').dropColumn('raw').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('inbound_messages').addColumn('raw', bytesType(dialect)).execute();
      // One message at a time: joining pieces in SQL differs by dialect, and a message is at most 25 MB.
      const ids = await db.selectFrom('inbound_message_pieces').select('inbound_message_id as id').distinct().execute();
      for (const { id } of ids) {
        const pieces = await db.selectFrom('inbound_message_pieces').select('bytes').where('inbound_message_id', '=', id).orderBy('seq').execute();
        const raw = Buffer.concat(pieces.map((piece) => piece.bytes as Buffer));
        await db.updateTable('inbound_messages').set({ raw }).where('id', '=', id).execute();
      }
      await db.schema.dropTable('inbound_message_pieces').execute();
    },
  };
}
