import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../connect.ts';
import { notNull, refType, withId } from './columns.ts';

/**
 * Blocked senders per project (issue 9): an address or a domain (`value`, lower-case, one per project),
 * who blocked it and when. Ingest asks "is any of these values blocked in this project?" through the
 * unique key, so the lookup costs a few index probes however long the list is.
 */
export function blockedSenders(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<any>) {
      await withId(db.schema.createTable('blocked_senders'), dialect)
        .addColumn('project_id', refType(dialect), (c) => c.notNull().references('projects.id').onDelete('cascade'))
        .addColumn('kind', 'text', notNull)
        .addColumn('value', 'text', notNull)
        .addColumn('note', 'text')
        .addColumn('created_by', refType(dialect), (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', 'text', notNull)
        .addUniqueConstraint('blocked_senders_project_value', ['project_id', 'value'])
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('blocked_senders').execute();
    },
  };
}
