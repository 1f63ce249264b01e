import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../connect.ts';
import { notNull, refType } from './columns.ts';

export function teamNotifications(dialect: Dialect): Migration {
  const ref = refType(dialect);
  return {
    async up(db: Kysely<any>) {
      // What each team member wants to hear about by mail; a missing row means the defaults.
      await db.schema
        .createTable('notification_settings')
        .addColumn('user_id', ref, (c) => c.primaryKey().references('users.id').onDelete('cascade'))
        .addColumn('new_tickets', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('customer_replies', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('assignments', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('mentions', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('updated_at', 'text', notNull)
        .execute();
      // A reply key sent to a team member names them, so their reply by mail is a note by them;
      // `internal` when the mail was about an internal note, so the answer stays inside the team.
      await db.schema
        .alterTable('reply_keys')
        .addColumn('user_id', ref, (c) => c.references('users.id').onDelete('cascade'))
        .execute();
      await db.schema
        .alterTable('reply_keys')
        .addColumn('internal', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('reply_keys').dropColumn('internal').execute();
      await db.schema.alterTable('reply_keys').dropColumn('user_id').execute();
      await db.schema.dropTable('notification_settings').execute();
    },
  };
}
