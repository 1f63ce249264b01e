import type { Executor } from '../../db/database.ts';

/** The next number in the project (#1, #2 …); the row lock serialises concurrent openers on PostgreSQL. */
export async function nextTicketIid(trx: Executor, projectId: number): Promise<number> {
  const row = await trx
    .updateTable('projects')
    .set((eb) => ({ last_ticket_iid: eb('last_ticket_iid', '+', 1) }))
    .where('id', '=', projectId)
    .returning('last_ticket_iid')
    .executeTakeFirstOrThrow();
  return row.last_ticket_iid;
}
