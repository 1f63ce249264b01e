// OAuth 2.0 (XOAUTH2) for IMAP mailboxes and SMTP accounts (issue 8):
// - oauth2_grants: a client id, the sealed client secret and refresh token, and the sealed access token last
//   issued with its expiry, shared by all processes; the project owning it (removed with the project).
// - mailboxes.oauth2_grant_id: a mailbox read with an access token instead of a password.
// (011 is another change of issue 8.)
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../connect.ts';
import { notNull, refType, withId } from './columns.ts';

export function oauth2Grants(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<any>) {
      await withId(db.schema.createTable('oauth2_grants'), dialect)
        .addColumn('project_id', refType(dialect), (c) => c.references('projects.id').onDelete('cascade'))
        .addColumn('provider', 'text')
        .addColumn('token_url', 'text', notNull)
        .addColumn('client_id', 'text', notNull)
        .addColumn('scope', 'text')
        .addColumn('client_secret_sealed', 'text', notNull)
        .addColumn('refresh_token_sealed', 'text', notNull)
        .addColumn('access_token_sealed', 'text')
        .addColumn('access_token_expires_at', 'text')
        .addColumn('refreshed_at', 'text')
        .addColumn('last_error', 'text')
        .addColumn('last_error_at', 'text')
        .addColumn('created_at', 'text', notNull)
        .execute();
      await db.schema.createIndex('oauth2_grants_project').on('oauth2_grants').column('project_id').execute();
      await db.schema
        .alterTable('mailboxes')
        .addColumn('oauth2_grant_id', refType(dialect), (c) => c.references('oauth2_grants.id'))
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('mailboxes').dropColumn('oauth2_grant_id').execute();
      await db.schema.dropTable('oauth2_grants').execute();
    },
  };
}
