import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../connect.ts';
import { notNull, refType, withId } from './columns.ts';

/** Extra incoming addresses of a project (`support+<slug>-<key>@…`) that label the tickets they open. */
export function projectAddresses(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<any>) {
      await withId(db.schema.createTable('project_addresses'), dialect)
        .addColumn('project_id', refType(dialect), (c) => c.notNull().references('projects.id').onDelete('cascade'))
        .addColumn('key', 'text', notNull)
        .addColumn('labels', 'text', notNull)
        .addColumn('created_at', 'text', notNull)
        .addUniqueConstraint('project_addresses_project_key', ['project_id', 'key'])
        .execute();
      // Routing asks "which projects have this key?" and then picks by slug.
      await db.schema.createIndex('project_addresses_key').on('project_addresses').column('key').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('project_addresses').execute();
    },
  };
}
