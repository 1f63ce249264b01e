// OAuth 2.0 (XOAUTH2) for a project's own SMTP account (issue 8): custom_email_credentials signs in either
// with its sealed password or with the OAuth 2.0 credentials of an oauth2_grants row (migration 012), never
// both and never neither (a check constraint). SQLite cannot drop a NOT NULL, so there the table is rebuilt
// (nothing references it). Going down, accounts that have no password cannot survive the NOT NULL: they
// and their credentials are removed (their projects' custom addresses then need an account again).
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../connect.ts';
import { notNull, refType } from './columns.ts';

const ONE_WAY_TO_SIGN_IN = sql`(smtp_password_sealed is null) <> (oauth2_grant_id is null)`;

export function customEmailOAuth2(dialect: Dialect): Migration {
  const ref = refType(dialect);
  /** SQLite: the table rebuilt with (or without) the OAuth 2.0 column, the password nullable (or not). */
  async function rebuild(db: Kysely<any>, oauth2: boolean) {
    let table = db.schema
      .createTable('custom_email_credentials_next')
      .addColumn('project_id', ref, (c) => c.primaryKey().references('projects.id').onDelete('cascade'))
      .addColumn('smtp_address', 'text', notNull)
      .addColumn('smtp_port', 'integer', notNull)
      .addColumn('smtp_username', 'text', notNull)
      .addColumn('smtp_password_sealed', 'text', (c) => (oauth2 ? c : c.notNull()))
      .addColumn('smtp_authentication', 'text')
      .addColumn('created_at', 'text', notNull)
      .addColumn('updated_at', 'text', notNull);
    if (oauth2)
      table = table
        .addColumn('oauth2_grant_id', ref, (c) => c.references('oauth2_grants.id'))
        .addCheckConstraint('custom_email_credentials_one_login', ONE_WAY_TO_SIGN_IN);
    await table.execute();
    await sql`insert into custom_email_credentials_next
                (project_id, smtp_address, smtp_port, smtp_username, smtp_password_sealed, smtp_authentication, created_at, updated_at)
              select project_id, smtp_address, smtp_port, smtp_username, smtp_password_sealed, smtp_authentication, created_at, updated_at
              from custom_email_credentials where smtp_password_sealed is not null`.execute(db);
    await db.schema.dropTable('custom_email_credentials').execute();
    await db.schema.alterTable('custom_email_credentials_next').renameTo('custom_email_credentials').execute();
  }
  return {
    async up(db: Kysely<any>) {
      if (dialect === 'postgres') {
        await sql`alter table custom_email_credentials alter column smtp_password_sealed drop not null`.execute(db);
        await db.schema
          .alterTable('custom_email_credentials')
          .addColumn('oauth2_grant_id', ref, (c) => c.references('oauth2_grants.id'))
          .execute();
        await sql`alter table custom_email_credentials add constraint custom_email_credentials_one_login check (${ONE_WAY_TO_SIGN_IN})`.execute(db);
      } else {
        await rebuild(db, true);
      }
    },
    async down(db: Kysely<any>) {
      // OAuth 2.0 accounts have no password to keep: they go, and their credentials once nothing points at them.
      const grants = await sql<{ id: number }>`select oauth2_grant_id as id from custom_email_credentials where oauth2_grant_id is not null`.execute(db);
      if (dialect === 'postgres') {
        await sql`delete from custom_email_credentials where oauth2_grant_id is not null`.execute(db);
        await sql`alter table custom_email_credentials drop constraint custom_email_credentials_one_login`.execute(db);
        await db.schema.alterTable('custom_email_credentials').dropColumn('oauth2_grant_id').execute();
        await sql`alter table custom_email_credentials alter column smtp_password_sealed set not null`.execute(db);
      } else {
        await rebuild(db, false); // copies only the accounts with a password
      }
      for (const { id } of grants.rows) await sql`delete from oauth2_grants where id = ${id}`.execute(db);
    },
  };
}
