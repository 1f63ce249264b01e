// IMAP mailboxes read for incoming mail (issue 8):
// - mailboxes: the instance's (IMAP_URL, project_id null, password from the environment) and projects' own
//   (password sealed with SECRET_KEY), each known by its identity (user@host:port/folder), and what its
//   reader last saw: connected (with a heartbeat, so a dead reader's row does not lie), last fetch, backlog,
//   last error, and the UIDVALIDITY and highest UID taken.
// - inbound_messages: where an IMAP message came from (mailbox identity, UIDVALIDITY, UID), unique, so a
//   message stored but not yet flagged \Seen when the reader died is recognised, not stored twice; and an
//   index by mailbox and content hash, which recognises it again after a UIDVALIDITY change.
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../connect.ts';
import { notNull, refType, withId } from './columns.ts';

export function imapMailboxes(dialect: Dialect): Migration {
  // UIDs are 32-bit unsigned: beyond PostgreSQL's integer.
  const uidType = dialect === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(db: Kysely<any>) {
      await withId(db.schema.createTable('mailboxes'), dialect)
        .addColumn('project_id', refType(dialect), (c) => c.references('projects.id').onDelete('cascade'))
        .addColumn('identity', 'text', (c) => c.notNull().unique())
        .addColumn('url_without_password', 'text', notNull)
        .addColumn('password_sealed', 'text')
        .addColumn('move_to', 'text')
        .addColumn('created_at', 'text', notNull)
        .addColumn('connected', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('heartbeat_at', 'text')
        .addColumn('last_fetch_at', 'text')
        .addColumn('backlog', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .addColumn('last_error_at', 'text')
        .addColumn('uid_validity', 'text')
        .addColumn('last_uid', uidType)
        .execute();
      await db.schema.createIndex('mailboxes_project').on('mailboxes').column('project_id').execute();
      await db.schema.alterTable('inbound_messages').addColumn('imap_mailbox', 'text').execute();
      await db.schema.alterTable('inbound_messages').addColumn('imap_uid_validity', 'text').execute();
      await db.schema.alterTable('inbound_messages').addColumn('imap_uid', uidType).execute();
      await db.schema
        .createIndex('inbound_messages_imap_uid')
        .on('inbound_messages')
        .columns(['imap_mailbox', 'imap_uid_validity', 'imap_uid'])
        .unique()
        .execute();
      await db.schema.createIndex('inbound_messages_imap_content').on('inbound_messages').columns(['imap_mailbox', 'raw_sha256']).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropIndex('inbound_messages_imap_content').execute();
      await db.schema.dropIndex('inbound_messages_imap_uid').execute();
      for (const column of ['imap_uid', 'imap_uid_validity', 'imap_mailbox']) await db.schema.alterTable('inbound_messages').dropColumn(column).execute();
      await db.schema.dropTable('mailboxes').execute();
    },
  };
}
