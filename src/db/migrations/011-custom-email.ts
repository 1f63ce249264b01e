// A project's own address (issue 8, SD-90…SD-101):
// - custom_email_credentials: the SMTP account the project's mail goes out through (one per project), its
//   password sealed with SECRET_KEY (app/secret-box.ts, purpose smtp_password), never returned.
// - service_desk_settings: the verification in progress (SD-93…SD-96): the token's SHA-256 (the token itself
//   lives only in the mail), when and by whom it started, the error of a failed one. `verified` (never
//   written: nothing verified before) becomes SD-96's `finished`.
// - outbound_messages.sender_account: which account a row goes out through, chosen when it is written —
//   null for the instance relay (OUTGOING_SMTP_URL), `project` for its project's own SMTP account.
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../connect.ts';
import { notNull, refType } from './columns.ts';

const SETTINGS_COLUMNS = [
  ['custom_email_error', 'text'],
  ['custom_email_token_hash', 'text'],
  ['custom_email_started_at', 'text'],
] as const;

export function customEmail(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('custom_email_credentials')
        .addColumn('project_id', refType(dialect), (c) => c.primaryKey().references('projects.id').onDelete('cascade'))
        .addColumn('smtp_address', 'text', notNull)
        .addColumn('smtp_port', 'integer', notNull)
        .addColumn('smtp_username', 'text', notNull)
        .addColumn('smtp_password_sealed', 'text', notNull)
        .addColumn('smtp_authentication', 'text')
        .addColumn('created_at', 'text', notNull)
        .addColumn('updated_at', 'text', notNull)
        .execute();
      for (const [column, type] of SETTINGS_COLUMNS) await db.schema.alterTable('service_desk_settings').addColumn(column, type).execute();
      // A user id without a foreign key: SQLite cannot drop a column that is part of one (down), and users are
      // blocked, not deleted; a missing one simply hears nothing.
      await db.schema.alterTable('service_desk_settings').addColumn('custom_email_started_by', refType(dialect)).execute();
      await db.schema.alterTable('outbound_messages').addColumn('sender_account', 'text').execute();
      await sql`update service_desk_settings set custom_email_state = 'finished' where custom_email_state = 'verified'`.execute(db);
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('outbound_messages').dropColumn('sender_account').execute();
      await db.schema.alterTable('service_desk_settings').dropColumn('custom_email_started_by').execute();
      for (const [column] of [...SETTINGS_COLUMNS].reverse()) await db.schema.alterTable('service_desk_settings').dropColumn(column).execute();
      await db.schema.dropTable('custom_email_credentials').execute();
    },
  };
}
