import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../connect.ts';
import { notNull, refType, withId } from './columns.ts';

export function sessions(dialect: Dialect): Migration {
  const ref = refType(dialect);
  return {
    async up(db: Kysely<any>) {
      // Browser sessions: the hashed cookie id, whose they are, and when they end.
      await withId(db.schema.createTable('sessions'), dialect)
        .addColumn('id_hash', 'text', (c) => c.notNull().unique())
        .addColumn('user_id', ref, (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'text', notNull)
        .addColumn('last_seen_at', 'text', notNull)
        .addColumn('expires_at', 'text', notNull)
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
      await db.schema.createIndex('sessions_expires_at').on('sessions').column('expires_at').execute();
      // Failed sign-ins per account and per client address, in the database so every node counts the same.
      await db.schema
        .createTable('sign_in_throttles')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', notNull)
        .addColumn('window_started_at', 'text', notNull)
        .execute();
      await db.schema.createIndex('sign_in_throttles_window').on('sign_in_throttles').column('window_started_at').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('sign_in_throttles').execute();
      await db.schema.dropTable('sessions').execute();
    },
  };
}
