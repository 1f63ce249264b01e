// A member's own notification settings (GET/PUT /user/notification_settings).
import type { Actor } from '../../domain/actor.ts';
import { DomainError } from '../../domain/errors.ts';
import { DEFAULT_PREFERENCES, type NotificationPreferences } from '../../domain/team-notifications.ts';
import type { Executor } from '../../db/database.ts';
import type { Deps } from '../deps.ts';

export async function preferencesOf(executor: Executor, userId: number): Promise<NotificationPreferences> {
  const row = await executor.selectFrom('notification_settings').selectAll().where('user_id', '=', userId).executeTakeFirst();
  if (!row) return { ...DEFAULT_PREFERENCES };
  return { new_tickets: row.new_tickets === 1, customer_replies: row.customer_replies === 1, assignments: row.assignments === 1, mentions: row.mentions === 1 };
}

function userOf(actor: Actor): number {
  if (actor.kind !== 'user') throw new DomainError('forbidden', 'Notification settings belong to a user');
  return actor.userId;
}

export const getNotificationSettings = (deps: Deps, actor: Actor) => preferencesOf(deps.db.db, userOf(actor));

export async function updateNotificationSettings(deps: Deps, actor: Actor, changes: Partial<NotificationPreferences>): Promise<NotificationPreferences> {
  const userId = userOf(actor);
  return deps.db.transaction(async ({ trx }) => {
    const next = { ...(await preferencesOf(trx, userId)), ...changes };
    const values = {
      new_tickets: next.new_tickets ? 1 : 0,
      customer_replies: next.customer_replies ? 1 : 0,
      assignments: next.assignments ? 1 : 0,
      mentions: next.mentions ? 1 : 0,
      updated_at: deps.clock().toISOString(),
    };
    await trx
      .insertInto('notification_settings')
      .values({ user_id: userId, ...values })
      .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
      .execute();
    return next;
  });
}
