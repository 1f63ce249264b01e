// Files an agent uploads before the note they belong to exists, and what the read side needs to explain
// received mail:
// - attachments: `ticket_id` may be null (an upload not yet used), `project_id` and `uploader_id` say whose
//   upload it is; mail attachments keep both null. SQLite cannot drop a NOT NULL, so there the table is
//   rebuilt (nothing references it).
// - outbound_messages.attachment_ids: the files a mail carries (JSON array of attachment ids), decided when
//   the mail is queued.
// - inbound_messages.cc_addresses (JSON array), kept at ingest like to_addresses; indexes for "the mail
//   behind this note / ticket".
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../connect.ts';
import { bytesType, notNull, refType, withId } from './columns.ts';

export function agentUploads(dialect: Dialect): Migration {
  const ref = refType(dialect);
  /** SQLite: the attachments table rebuilt with or without the upload columns (and ticket_id nullable or not). */
  async function rebuildAttachments(db: Kysely<any>, uploads: boolean) {
    let table = withId(db.schema.createTable('attachments_next'), dialect)
      .addColumn('ticket_id', ref, (c) => (uploads ? c : c.notNull()).references('tickets.id').onDelete('cascade'))
      .addColumn('note_id', ref, (c) => c.references('notes.id').onDelete('cascade'))
      .addColumn('filename', 'text', notNull)
      .addColumn('content_type', 'text', notNull)
      .addColumn('size', 'integer', notNull)
      .addColumn('content', bytesType(dialect), notNull)
      .addColumn('created_at', 'text', notNull);
    if (uploads)
      table = table
        .addColumn('project_id', ref, (c) => c.references('projects.id').onDelete('cascade'))
        .addColumn('uploader_id', ref, (c) => c.references('users.id').onDelete('cascade'));
    await table.execute();
    // Going back, uploads never used have no ticket: they cannot survive the NOT NULL.
    await sql`insert into attachments_next (id, ticket_id, note_id, filename, content_type, size, content, created_at)
              select id, ticket_id, note_id, filename, content_type, size, content, created_at from attachments
              where ${uploads ? sql`1 = 1` : sql`ticket_id is not null`}`.execute(db);
    await db.schema.dropTable('attachments').execute();
    await db.schema.alterTable('attachments_next').renameTo('attachments').execute();
    await db.schema.createIndex('attachments_ticket').on('attachments').columns(['ticket_id', 'id']).execute();
  }
  return {
    async up(db: Kysely<any>) {
      if (dialect === 'postgres') {
        await sql`alter table attachments alter column ticket_id drop not null`.execute(db);
        await db.schema
          .alterTable('attachments')
          .addColumn('project_id', ref, (c) => c.references('projects.id').onDelete('cascade'))
          .execute();
        await db.schema
          .alterTable('attachments')
          .addColumn('uploader_id', ref, (c) => c.references('users.id').onDelete('cascade'))
          .execute();
      } else {
        await rebuildAttachments(db, true);
      }
      // 007 (merged alongside) creates it too on PostgreSQL; SQLite's rebuild above dropped it with the table.
      await db.schema.createIndex('attachments_note').ifNotExists().on('attachments').column('note_id').execute();
      await db.schema.alterTable('outbound_messages').addColumn('attachment_ids', 'text').execute();
      await db.schema.alterTable('inbound_messages').addColumn('cc_addresses', 'text').execute();
      await db.schema.createIndex('inbound_messages_note').on('inbound_messages').column('note_id').execute();
      await db.schema.createIndex('inbound_messages_ticket').on('inbound_messages').columns(['ticket_id', 'id']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('inbound_messages_ticket').execute();
      await db.schema.dropIndex('inbound_messages_note').execute();
      await db.schema.alterTable('inbound_messages').dropColumn('cc_addresses').execute();
      await db.schema.alterTable('outbound_messages').dropColumn('attachment_ids').execute();
      await db.schema.dropIndex('attachments_note').execute();
      if (dialect === 'postgres') {
        await db.deleteFrom('attachments').where('ticket_id', 'is', null).execute();
        await db.schema.alterTable('attachments').dropColumn('uploader_id').execute();
        await db.schema.alterTable('attachments').dropColumn('project_id').execute();
        await sql`alter table attachments alter column ticket_id set not null`.execute(db);
      } else {
        await rebuildAttachments(db, false);
      }
    },
  };
}
