// Migration 015 (a project's SMTP account signs in with a password or OAuth 2.0) on both dialects: up keeps
// the password accounts; the table refuses an account with both ways to sign in or neither; down keeps the
// password accounts and removes the OAuth 2.0 ones with their credentials (they cannot survive the NOT NULL
// on the password); up again works.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type MigrationSteps, openMigrationSteps } from '../helpers/migration-steps.ts';

describe('migration 015-custom-email-oauth2', () => {
  let steps: MigrationSteps;
  let before015: string;

  before(async () => {
    steps = await openMigrationSteps();
    before015 = steps.before('015-custom-email-oauth2');
    await steps.to(before015, 'up to the one before');
  });
  after(() => steps.database.drop());

  it('keeps password accounts, refuses both or neither, and goes down and up again', async () => {
    const now = new Date().toISOString();
    const k = steps.db.db as any;
    const project = async (path: string) =>
      (
        await k
          .insertInto('projects')
          .values({ name: path, path, path_lower: path, visibility: 'private', created_at: now, updated_at: now })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id as number;
    const account = (projectId: number, password: string | null) => ({
      project_id: projectId,
      smtp_address: 'smtp.acme.io',
      smtp_port: 587,
      smtp_username: 'desk@acme.io',
      smtp_password_sealed: password,
      smtp_authentication: null,
      created_at: now,
      updated_at: now,
    });
    const withPassword = await project('with-password');
    await k.insertInto('custom_email_credentials').values(account(withPassword, 'v1:sealed')).execute();
    await steps.to('015-custom-email-oauth2', 'up');

    const [kept] = await k.selectFrom('custom_email_credentials').selectAll().execute();
    assert.equal(kept.smtp_password_sealed, 'v1:sealed');
    assert.equal(kept.oauth2_grant_id, null);

    const grant = await k
      .insertInto('oauth2_grants')
      .values({ token_url: 'https://t.example/token', client_id: 'c', client_secret_sealed: 's', refresh_token_sealed: 'r', created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const withOAuth2 = await project('with-oauth2');
    await k
      .insertInto('custom_email_credentials')
      .values({ ...account(withOAuth2, null), oauth2_grant_id: grant.id })
      .execute();
    const refused = async (row: Record<string, unknown>) =>
      k
        .insertInto('custom_email_credentials')
        .values(row)
        .execute()
        .then(
          () => false,
          () => true,
        );
    assert.equal(await refused(account(await project('neither'), null)), true, 'neither a password nor OAuth 2.0');
    assert.equal(await refused({ ...account(await project('both'), 'v1:sealed'), oauth2_grant_id: grant.id }), true, 'both');

    await steps.to(before015, 'down');
    const left = await k.selectFrom('custom_email_credentials').selectAll().execute();
    assert.deepEqual(
      left.map((row: Record<string, unknown>) => [row.project_id, row.smtp_password_sealed, 'oauth2_grant_id' in row]),
      [[withPassword, 'v1:sealed', false]],
      'the password account stays, the OAuth 2.0 one goes',
    );
    assert.equal((await k.selectFrom('oauth2_grants').selectAll().execute()).length, 0, 'with its credentials');
    await steps.to(null, 'up again');
  });
});
