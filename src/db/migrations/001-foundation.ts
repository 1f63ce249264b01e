import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../connect.ts';
import { notNull, refType, withId } from './columns.ts';

export function foundation(dialect: Dialect): Migration {
  const ref = refType(dialect);
  return {
    async up(db: Kysely<any>) {
      await withId(db.schema.createTable('users'), dialect)
        .addColumn('username', 'text', notNull)
        .addColumn('username_lower', 'text', (c) => c.notNull().unique())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', notNull)
        .addColumn('password_hash', 'text')
        .addColumn('admin', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('bot', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('state', 'text', (c) => c.notNull().defaultTo('active'))
        .addColumn('created_at', 'text', notNull)
        .addColumn('updated_at', 'text', notNull)
        .execute();

      await withId(db.schema.createTable('personal_access_tokens'), dialect)
        .addColumn('user_id', ref, (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('name', 'text', notNull)
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('scopes', 'text', notNull)
        .addColumn('expires_at', 'text')
        .addColumn('revoked_at', 'text')
        .addColumn('last_used_at', 'text')
        .addColumn('created_at', 'text', notNull)
        .execute();
      await db.schema.createIndex('personal_access_tokens_user').on('personal_access_tokens').column('user_id').execute();

      await withId(db.schema.createTable('projects'), dialect)
        .addColumn('name', 'text', notNull)
        .addColumn('path', 'text', notNull)
        .addColumn('path_lower', 'text', (c) => c.notNull().unique())
        .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('private'))
        .addColumn('created_at', 'text', notNull)
        .addColumn('updated_at', 'text', notNull)
        .execute();

      await db.schema
        .createTable('project_members')
        .addColumn('project_id', ref, (c) => c.notNull().references('projects.id').onDelete('cascade'))
        .addColumn('user_id', ref, (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('access_level', 'integer', notNull)
        .addColumn('created_at', 'text', notNull)
        .addPrimaryKeyConstraint('project_members_pk', ['project_id', 'user_id'])
        .execute();
      await db.schema.createIndex('project_members_user').on('project_members').column('user_id').execute();

      await db.schema
        .createTable('service_desk_settings')
        .addColumn('project_id', ref, (c) => c.primaryKey().references('projects.id').onDelete('cascade'))
        .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('project_key', 'text')
        .addColumn('outgoing_name', 'text')
        .addColumn('tickets_confidential_by_default', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('reopen_issue_on_external_participant_note', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('add_external_participants_from_cc', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('issue_template', 'text')
        .addColumn('custom_email', 'text', (c) => c.unique())
        .addColumn('custom_email_enabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('custom_email_state', 'text')
        .addColumn('updated_at', 'text', notNull)
        .execute();
      await db.schema.createIndex('service_desk_settings_project_key').on('service_desk_settings').column('project_key').execute();

      await withId(db.schema.createTable('jobs'), dialect)
        .addColumn('kind', 'text', notNull)
        .addColumn('payload', 'text', notNull)
        .addColumn('state', 'text', notNull)
        .addColumn('run_at', 'text', notNull)
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('max_attempts', 'integer', notNull)
        .addColumn('lease_owner', 'text')
        .addColumn('lease_expires_at', 'text')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', notNull)
        .addColumn('updated_at', 'text', notNull)
        .execute();
      // Claims scan due jobs in run_at order; expired leases are found through the same index.
      await db.schema.createIndex('jobs_state_run_at').on('jobs').columns(['state', 'run_at']).execute();
      await db.schema.createIndex('jobs_state_lease').on('jobs').columns(['state', 'lease_expires_at']).execute();
    },
    async down(db: Kysely<any>) {
      for (const table of ['jobs', 'service_desk_settings', 'project_members', 'projects', 'personal_access_tokens', 'users']) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
