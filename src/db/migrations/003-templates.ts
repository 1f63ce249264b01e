import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../connect.ts';
import { notNull, refType } from './columns.ts';

/** Per-project mail templates, and the HTML part of outgoing mail rendered from them. */
export function templates(dialect: Dialect): Migration {
  const ref = refType(dialect);
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('service_desk_templates')
        .addColumn('project_id', ref, (c) => c.notNull().references('projects.id').onDelete('cascade'))
        .addColumn('name', 'text', notNull)
        .addColumn('content', 'text', notNull)
        .addColumn('updated_at', 'text', notNull)
        .addPrimaryKeyConstraint('service_desk_templates_pk', ['project_id', 'name'])
        .execute();
      // Null for mail queued before this migration: those go out as text only.
      await db.schema.alterTable('outbound_messages').addColumn('html_body', 'text').execute();
    },
  };
}
