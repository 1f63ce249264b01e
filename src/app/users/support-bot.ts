import type { Executor } from '../../db/database.ts';
import { SUPPORT_BOT_USERNAME } from '../instance/bootstrap-instance.ts';

/** The user that authors tickets and notes made from mail (SD-28); made at first start. */
export async function supportBot(executor: Executor): Promise<{ id: number; name: string; username: string }> {
  return executor.selectFrom('users').select(['id', 'name', 'username']).where('username_lower', '=', SUPPORT_BOT_USERNAME).executeTakeFirstOrThrow();
}
