// Mail to team members about a ticket: new tickets (opt-in), customer replies to their tickets,
// assignments and @mentions. Written in the transaction of the change, like all our mail. Each carries a
// reply key that names the member, so answering it by mail adds a note as them (internal when the mail
// was about an internal note). Members below reporter read customers' addresses masked, as the API shows
// them (SD-86): the sender, the title (also in the subject) and the quoted text of their mail.
import { ACCESS_LEVELS, type AccessLevel } from '../../domain/access-levels.ts';
import { obfuscateEmailsInText } from '../../domain/obfuscate-email.ts';
import { seesExternalAddresses } from '../../domain/policy.ts';
import { DEFAULT_PREFERENCES, teamMailText, type NotificationPreferences, type TeamMailKind } from '../../domain/team-notifications.ts';
import type { Executor } from '../../db/database.ts';
import type { Deps } from '../deps.ts';
import { newReplyKey, writeOutboxMail, type TicketMail } from '../outbound/queue-ticket-mail.ts';
import { ticketWebUrl } from '../tickets/load-ticket-context.ts';

const PREFERENCE: Record<TeamMailKind, keyof NotificationPreferences> = {
  team_new_ticket: 'new_tickets',
  team_customer_reply: 'customer_replies',
  team_assigned: 'assignments',
  team_mention: 'mentions',
};

export interface TeamNotice {
  kind: TeamMailKind;
  project: TicketMail['project'];
  ticket: TicketMail['ticket'] & { confidential: number };
  /** Who did it, as shown in the mail. */
  who: string;
  body?: string;
  internal?: boolean;
  noteId?: number | null;
  /** Who is told: these users, or (null) every member of the project. Never the one who acted. */
  userIds: number[] | null;
  actorId?: number | null;
}

export async function notifyTeam(trx: Executor, deps: Pick<Deps, 'config' | 'clock'>, notice: TeamNotice): Promise<number> {
  // Only members who may read what the mail quotes: confidential tickets and internal notes from reporter up.
  const minimum = notice.ticket.confidential === 1 || notice.internal ? ACCESS_LEVELS.reporter : ACCESS_LEVELS.guest;
  // Settings joined in: one query for the whole team, not one per member. No row means the defaults.
  const column = PREFERENCE[notice.kind];
  let query = trx
    .selectFrom('project_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .leftJoin('notification_settings as n', 'n.user_id', 'u.id')
    .select(['u.id', 'u.email', 'u.admin', 'm.access_level', `n.${column} as wants`])
    .where('m.project_id', '=', notice.project.id)
    .where('m.access_level', '>=', minimum)
    .where('u.state', '=', 'active')
    .where('u.bot', '=', 0);
  if (notice.userIds !== null) query = query.where('u.id', 'in', notice.userIds.length ? notice.userIds : [-1]);
  if (notice.actorId) query = query.where('u.id', '!=', notice.actorId);
  const now = deps.clock();
  let sent = 0;
  for (const member of await query.orderBy('u.id').execute()) {
    if (!(member.wants === null ? DEFAULT_PREFERENCES[column] : member.wants === 1)) continue;
    const mask = seesAddressesIn(member) ? (text: string) => text : obfuscateEmailsInText;
    const title = mask(notice.ticket.title);
    const facts = {
      iid: notice.ticket.iid,
      title,
      projectPath: notice.project.path,
      ticketUrl: ticketWebUrl(deps.config.publicUrl, notice.project.path, notice.ticket.iid),
    };
    const replyKey = await newReplyKey(trx, { ticketId: notice.ticket.id, email: member.email, userId: member.id, internal: notice.internal }, now);
    await writeOutboxMail(trx, deps, {
      kind: notice.kind,
      to: member.email,
      fromName: mask(notice.who),
      project: notice.project,
      ticket: { ...notice.ticket, title },
      noteId: notice.noteId ?? null,
      replyKey,
      text: teamMailText(notice.kind, facts, {
        who: mask(notice.who),
        body: notice.body === undefined ? undefined : mask(notice.body),
        internal: notice.internal,
      }),
      html: null,
      answersOriginal: false,
      listUnsubscribe: false,
    });
    sent++;
  }
  return sent;
}

/** SD-86 for one member: the policy's rule (reporters and up, instance admins); members see the project whatever its visibility. */
const seesAddressesIn = (member: { id: number; admin: number; access_level: number }) =>
  seesExternalAddresses(
    { kind: 'user', userId: member.id, admin: member.admin === 1 },
    { visibility: 'private', accessLevel: member.access_level as AccessLevel },
  );

/** Tells newly assigned members, in the transaction that assigned them. */
export async function notifyAssignees(
  trx: Executor,
  deps: Pick<Deps, 'config' | 'clock'>,
  change: { ticket: TeamNotice['ticket'] & { project_id: number }; userIds: number[]; actorId: number },
): Promise<void> {
  if (change.userIds.length === 0) return;
  const project = await trx.selectFrom('projects').select(['id', 'name', 'path']).where('id', '=', change.ticket.project_id).executeTakeFirstOrThrow();
  const actor = await trx.selectFrom('users').select(['name', 'username']).where('id', '=', change.actorId).executeTakeFirstOrThrow();
  await notifyTeam(trx, deps, {
    kind: 'team_assigned',
    project,
    ticket: change.ticket,
    who: `${actor.name} (@${actor.username})`,
    userIds: change.userIds,
    actorId: change.actorId,
  });
}
