// Migration tests step a fresh database through the numbered migrations (both dialects): up to the one
// before the migration under test, seed rows as the schema was then, and go up and down from there.
import assert from 'node:assert/strict';
import { Migrator } from 'kysely';
import type { Database } from '../../src/db/database.ts';
import { migrationsFor } from '../../src/db/migrations/index.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export interface MigrationSteps {
  database: TestDatabase;
  db: Database;
  /** The migration just before `name` (others may land in between over time). */
  before(name: string): string;
  /** Migrates up or down to `name` (null: to the latest), failing the test with the migration's error. */
  to(name: string | null, why?: string): Promise<void>;
  down(why?: string): Promise<void>;
}

export async function openMigrationSteps(): Promise<MigrationSteps> {
  const database = await createTestDatabase({ migrate: false });
  const db = database.open();
  const migrator = new Migrator({ db: db.db, provider: { getMigrations: async () => migrationsFor(db.dialect) } });
  const names = Object.keys(migrationsFor(db.dialect)).sort();
  const check = (result: { error?: unknown }, why: string) => assert.equal(result.error, undefined, why);
  return {
    database,
    db,
    before(name) {
      const index = names.indexOf(name);
      assert.ok(index > 0, `${name} is a migration with one before it`);
      return names[index - 1]!;
    },
    async to(name, why = `to ${name ?? 'the latest'}`) {
      check(name === null ? await migrator.migrateToLatest() : await migrator.migrateTo(name), why);
    },
    async down(why = 'one down') {
      check(await migrator.migrateDown(), why);
    },
  };
}

/** A user, a project and one ticket, written with the columns every migration since 001 has. */
export async function seedTicket(db: Database, ticket: { title?: string; description?: string } = {}) {
  const now = new Date().toISOString();
  const k = db.db as any;
  const user = await k
    .insertInto('users')
    .values({ username: 'u', username_lower: 'u', email: 'u@x.test', name: 'U', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const project = await k
    .insertInto('projects')
    .values({ name: 'P', path: 'p', path_lower: 'p', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const row = await k
    .insertInto('tickets')
    .values({
      project_id: project.id,
      iid: 1,
      title: ticket.title ?? 't',
      description: ticket.description ?? '',
      state: 'opened',
      confidential: 0,
      author_id: user.id,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { userId: user.id as number, projectId: project.id as number, ticketId: row.id as number, now };
}
