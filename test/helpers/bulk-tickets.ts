// Many tickets at once, written straight to the table as the queue bench seeds them: the database's own
// triggers keep the counters and the search index, exactly as for the app's writes. One a minute from
// 2026-01-01, in the order given, authored by the support bot for customer<i>@example.com.
import { supportBot } from '../../src/app/users/support-bot.ts';
import type { Database } from '../../src/db/database.ts';

export async function insertTicketsInBulk(db: Database, projectId: number, tickets: Array<{ title: string; state: 'opened' | 'closed' }>) {
  const bot = await supportBot(db.db);
  const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
  const rows = tickets.map(({ title, state }, i) => ({
    project_id: projectId,
    iid: i + 1,
    title,
    description: 'On the beach',
    state,
    confidential: 0,
    author_id: bot.id,
    external_author: `customer${i + 1}@example.com`,
    created_at: at(i),
    updated_at: at(i),
    closed_at: state === 'closed' ? at(i) : null,
    last_activity_at: at(i),
  }));
  for (let i = 0; i < rows.length; i += 200)
    await db.db
      .insertInto('tickets')
      .values(rows.slice(i, i + 200))
      .execute();
  await db.db.updateTable('projects').set({ last_ticket_iid: rows.length }).where('id', '=', projectId).execute();
}
