// Migration 012 (OAuth 2.0 credentials) goes down and up again on a database with mailboxes of both kinds:
// down drops the credentials and the column that points at them (a column with a foreign key, which SQLite
// drops only in simple cases) and keeps every mailbox row; up again adds them back.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type MigrationSteps, openMigrationSteps } from '../helpers/migration-steps.ts';

describe('migration 012-oauth2-grants', () => {
  let steps: MigrationSteps;

  before(async () => {
    steps = await openMigrationSteps();
    await steps.to(null);
  });
  after(() => steps.database.drop());

  it('goes down keeping password mailboxes, and up again', async () => {
    const now = new Date().toISOString();
    const k = steps.db.db as any;
    const mailbox = (identity: string, grant: number | null) => ({
      project_id: null,
      identity,
      url_without_password: `imap://${identity}`,
      password_sealed: grant === null ? 'v1:sealed' : null,
      oauth2_grant_id: grant,
      created_at: now,
    });
    const grant = await k
      .insertInto('oauth2_grants')
      .values({ token_url: 'https://t.example/token', client_id: 'c', client_secret_sealed: 's', refresh_token_sealed: 'r', created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await k
      .insertInto('mailboxes')
      .values([mailbox('a@h:993/INBOX', null), mailbox('b@h:993/INBOX', grant.id)])
      .execute();
    // Migrations after 012 go down first.
    await steps.to(steps.before('012-oauth2-grants'), 'down');
    const left = await k.selectFrom('mailboxes').selectAll().orderBy('identity').execute();
    assert.deepEqual(
      left.map((m: Record<string, unknown>) => [m.identity, 'oauth2_grant_id' in m]),
      [
        ['a@h:993/INBOX', false],
        ['b@h:993/INBOX', false],
      ],
    );
    await steps.to(null, 'up again');
    const again = await k.selectFrom('mailboxes').select(['identity', 'oauth2_grant_id']).orderBy('identity').execute();
    assert.deepEqual(
      again.map((m: Record<string, unknown>) => m.oauth2_grant_id),
      [null, null],
    );
  });
});
