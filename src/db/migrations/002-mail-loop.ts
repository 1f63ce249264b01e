import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../connect.ts';
import { bytesType, notNull, refType, withId } from './columns.ts';

export function mailLoop(dialect: Dialect): Migration {
  const ref = refType(dialect);
  const bytes = bytesType(dialect);
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .alterTable('projects')
        .addColumn('last_ticket_iid', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();

      await withId(db.schema.createTable('tickets'), dialect)
        .addColumn('project_id', ref, (c) => c.notNull().references('projects.id').onDelete('cascade'))
        .addColumn('iid', 'integer', notNull)
        .addColumn('title', 'text', notNull)
        .addColumn('description', 'text', notNull)
        .addColumn('state', 'text', notNull)
        .addColumn('confidential', 'integer', notNull)
        .addColumn('author_id', ref, (c) => c.notNull().references('users.id'))
        .addColumn('external_author', 'text')
        .addColumn('message_id', 'text')
        .addColumn('created_at', 'text', notNull)
        .addColumn('updated_at', 'text', notNull)
        .addColumn('closed_at', 'text')
        .addUniqueConstraint('tickets_project_iid', ['project_id', 'iid'])
        .execute();
      await db.schema.createIndex('tickets_project_message_id').on('tickets').columns(['project_id', 'message_id']).execute();
      await db.schema.createIndex('tickets_project_state_created').on('tickets').columns(['project_id', 'state', 'created_at', 'id']).execute();

      await db.schema
        .createTable('ticket_labels')
        .addColumn('ticket_id', ref, (c) => c.notNull().references('tickets.id').onDelete('cascade'))
        .addColumn('label', 'text', notNull)
        .addPrimaryKeyConstraint('ticket_labels_pk', ['ticket_id', 'label'])
        .execute();
      await db.schema
        .createTable('ticket_assignees')
        .addColumn('ticket_id', ref, (c) => c.notNull().references('tickets.id').onDelete('cascade'))
        .addColumn('user_id', ref, (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('ticket_assignees_pk', ['ticket_id', 'user_id'])
        .execute();

      await withId(db.schema.createTable('inbound_messages'), dialect)
        .addColumn('channel', 'text', notNull)
        .addColumn('raw', bytes, notNull)
        .addColumn('raw_sha256', 'text', notNull)
        .addColumn('size', 'integer', notNull)
        .addColumn('envelope_from', 'text')
        .addColumn('envelope_to', 'text', notNull)
        .addColumn('message_id', 'text')
        .addColumn('from_address', 'text')
        .addColumn('to_addresses', 'text')
        .addColumn('subject', 'text')
        .addColumn('state', 'text', notNull)
        .addColumn('reason', 'text')
        .addColumn('error', 'text')
        .addColumn('project_id', ref, (c) => c.references('projects.id').onDelete('set null'))
        .addColumn('ticket_id', ref, (c) => c.references('tickets.id').onDelete('set null'))
        .addColumn('note_id', ref)
        .addColumn('matched_by', 'text')
        .addColumn('received_at', 'text', notNull)
        .addColumn('processed_at', 'text')
        .execute();
      await db.schema.createIndex('inbound_messages_state').on('inbound_messages').columns(['state', 'id']).execute();
      await db.schema.createIndex('inbound_messages_project').on('inbound_messages').columns(['project_id', 'id']).execute();

      // One row per fact that makes a message a duplicate ("this Message-ID reached this project",
      // "these bytes were processed"): a unique key, so two workers cannot both process a copy.
      await db.schema
        .createTable('inbound_dedupe')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('inbound_message_id', ref, (c) => c.notNull().references('inbound_messages.id').onDelete('cascade'))
        .execute();

      await withId(db.schema.createTable('notes'), dialect)
        .addColumn('ticket_id', ref, (c) => c.notNull().references('tickets.id').onDelete('cascade'))
        .addColumn('body', 'text', notNull)
        .addColumn('internal', 'integer', notNull)
        .addColumn('system', 'integer', notNull)
        .addColumn('author_id', ref, (c) => c.notNull().references('users.id'))
        .addColumn('external_author', 'text')
        .addColumn('inbound_message_id', ref, (c) => c.references('inbound_messages.id').onDelete('set null'))
        .addColumn('created_at', 'text', notNull)
        .execute();
      await db.schema.createIndex('notes_ticket').on('notes').columns(['ticket_id', 'id']).execute();

      await withId(db.schema.createTable('participants'), dialect)
        .addColumn('ticket_id', ref, (c) => c.notNull().references('tickets.id').onDelete('cascade'))
        .addColumn('email', 'text', notNull)
        .addColumn('email_lower', 'text', notNull)
        .addColumn('created_at', 'text', notNull)
        .addUniqueConstraint('participants_ticket_email', ['ticket_id', 'email_lower'])
        .execute();

      await withId(db.schema.createTable('attachments'), dialect)
        .addColumn('ticket_id', ref, (c) => c.notNull().references('tickets.id').onDelete('cascade'))
        .addColumn('note_id', ref, (c) => c.references('notes.id').onDelete('cascade'))
        .addColumn('filename', 'text', notNull)
        .addColumn('content_type', 'text', notNull)
        .addColumn('size', 'integer', notNull)
        .addColumn('content', bytes, notNull)
        .addColumn('created_at', 'text', notNull)
        .execute();
      await db.schema.createIndex('attachments_ticket').on('attachments').columns(['ticket_id', 'id']).execute();

      await withId(db.schema.createTable('reply_keys'), dialect)
        .addColumn('key_hash', 'text', (c) => c.notNull().unique())
        .addColumn('ticket_id', ref, (c) => c.notNull().references('tickets.id').onDelete('cascade'))
        .addColumn('email', 'text', notNull)
        .addColumn('created_at', 'text', notNull)
        .execute();

      await withId(db.schema.createTable('outbound_messages'), dialect)
        .addColumn('kind', 'text', notNull)
        .addColumn('project_id', ref, (c) => c.references('projects.id').onDelete('set null'))
        .addColumn('ticket_id', ref, (c) => c.references('tickets.id').onDelete('set null'))
        .addColumn('note_id', ref)
        .addColumn('from_header', 'text', notNull)
        .addColumn('to_address', 'text', notNull)
        .addColumn('subject', 'text', notNull)
        .addColumn('message_id', 'text', notNull)
        .addColumn('in_reply_to', 'text')
        .addColumn('references', 'text', notNull)
        .addColumn('reply_to', 'text')
        .addColumn('headers', 'text', notNull)
        .addColumn('text_body', 'text', notNull)
        .addColumn('raw', 'text')
        .addColumn('state', 'text', notNull)
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('error', 'text')
        .addColumn('created_at', 'text', notNull)
        .addColumn('sent_at', 'text')
        .execute();
      await db.schema.createIndex('outbound_messages_project').on('outbound_messages').columns(['project_id', 'id']).execute();
      await db.schema.createIndex('outbound_messages_to').on('outbound_messages').columns(['to_address', 'id']).execute();
    },
    async down(db: Kysely<any>) {
      for (const table of [
        'outbound_messages',
        'reply_keys',
        'attachments',
        'participants',
        'notes',
        'inbound_dedupe',
        'inbound_messages',
        'ticket_assignees',
        'ticket_labels',
        'tickets',
      ]) {
        await db.schema.dropTable(table).execute();
      }
      await db.schema.alterTable('projects').dropColumn('last_ticket_iid').execute();
    },
  };
}
