// Migration 011 goes down and up again on both dialects, keeping the settings it does not own.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type MigrationSteps, openMigrationSteps } from '../helpers/migration-steps.ts';

describe('migration 011-custom-email', () => {
  let steps: MigrationSteps;

  before(async () => {
    steps = await openMigrationSteps();
    await steps.to('011-custom-email');
  });
  after(() => steps.database.drop());

  it('goes down to 010 and up again', async () => {
    await steps.to(steps.before('011-custom-email'), 'down');
    const tables = (await steps.db.db.introspection.getTables()).map((t) => t.name);
    assert.equal(tables.includes('custom_email_credentials'), false, 'its table is gone');
    await steps.to('011-custom-email', 'up again');
    const settings = (await steps.db.db.introspection.getTables()).find((t) => t.name === 'service_desk_settings');
    assert.ok(
      settings?.columns.some((c) => c.name === 'custom_email_token_hash'),
      'the verification columns are back',
    );
  });
});
