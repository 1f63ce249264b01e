// Every mailbox the caller may watch: instance admins all of them (the instance's IMAP_URL one too);
// maintainers those of their projects. Others get an empty list, as with the mail log.
import { ACCESS_LEVELS } from '../../domain/access-levels.ts';
import { isInstanceAdmin, type Actor } from '../../domain/actor.ts';
import { PROJECT_ACTIONS } from '../../domain/policy.ts';
import type { Deps } from '../deps.ts';
import { oauth2GrantsById } from '../oauth2/oauth2-grants.ts';
import { mailboxView, type MailboxView } from './mailbox-view.ts';

export async function listMailboxes(deps: Deps, actor: Actor): Promise<MailboxView[]> {
  let query = deps.db.db.selectFrom('mailboxes').selectAll();
  if (!isInstanceAdmin(actor)) {
    const level = Math.max(PROJECT_ACTIONS.manage_mailboxes, ACCESS_LEVELS.guest);
    query = query.where('project_id', 'in', (eb) =>
      eb
        .selectFrom('project_members')
        .select('project_id')
        .where('user_id', '=', actor.kind === 'user' ? actor.userId : -1)
        .where('access_level', '>=', level),
    );
  }
  const rows = await query.orderBy('id').execute();
  const grants = await oauth2GrantsById(
    deps.db.db,
    rows.map((row) => row.oauth2_grant_id),
  );
  const now = deps.clock();
  return rows.map((row) => mailboxView(row, now, grants.get(row.oauth2_grant_id ?? -1)));
}
