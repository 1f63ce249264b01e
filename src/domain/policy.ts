// Every permission decision of Postdesk, in one table. Route handlers and use cases never compare
// access levels themselves: they ask `authorizeProject` (or `can`) and act on the answer.
// The three answers follow GitLab: what you may not see is `not_found` (404, hiding that it exists),
// what you may see but not change is `forbidden` (403).
import { ACCESS_LEVELS, type AccessLevel } from './access-levels.ts';
import { isInstanceAdmin, type Actor } from './actor.ts';
import { DomainError } from './errors.ts';

export const VISIBILITIES = ['private', 'internal', 'public'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** What the policy needs to know about a project and the actor's place in it. */
export interface ProjectAccess {
  visibility: Visibility;
  /** The actor's membership level, or null when not a member. */
  accessLevel: AccessLevel | null;
}

/** The minimum level each project action needs; `0` means "anyone who can see the project". */
export const PROJECT_ACTIONS = {
  read_project: 0,
  read_members: 0,
  read_service_desk: ACCESS_LEVELS.reporter, // SD-89: the address is shown from Reporter up
  update_project: ACCESS_LEVELS.maintainer,
  manage_members: ACCESS_LEVELS.maintainer,
  update_service_desk: ACCESS_LEVELS.maintainer, // SD-02
  delete_project: ACCESS_LEVELS.owner,
  // Tickets follow GitLab's issues: whoever sees the project sees its non-confidential tickets (with
  // customers' addresses masked below reporter, SD-86) and may comment; confidential tickets, internal
  // notes and changing a ticket start at reporter.
  read_tickets: 0,
  create_ticket: ACCESS_LEVELS.guest,
  create_note: 0,
  read_confidential: ACCESS_LEVELS.reporter,
  read_internal_notes: ACCESS_LEVELS.reporter, // reading them: below reporter they do not exist (404)
  create_internal_note: ACCESS_LEVELS.reporter,
  update_ticket: ACCESS_LEVELS.reporter,
  manage_participants: ACCESS_LEVELS.reporter,
  read_mail_log: ACCESS_LEVELS.maintainer, // inbound and outbound messages: raw customer mail
  manage_mailboxes: ACCESS_LEVELS.maintainer, // a project's own mailboxes: their credentials and state
  // Issue 9: the list names customers' addresses, shown from reporter up (SD-86) so a reporter can tell why a
  // customer's mail never arrived; blocking and unblocking is the desk's configuration (SD-02).
  read_blocked_senders: ACCESS_LEVELS.reporter,
  manage_blocked_senders: ACCESS_LEVELS.maintainer,
  manage_custom_email: ACCESS_LEVELS.maintainer, // SD-92: the custom address, its SMTP account (shown to them only) and its verification
} as const;

export type ProjectAction = keyof typeof PROJECT_ACTIONS;

export type Decision = 'allowed' | 'not_found' | 'forbidden';

export function canSeeProject(actor: Actor, access: ProjectAccess): boolean {
  if (isInstanceAdmin(actor) || access.accessLevel !== null) return true;
  // Every API caller is signed in, so internal and public projects are visible to all users.
  return access.visibility !== 'private';
}

export function decideProject(actor: Actor, action: ProjectAction, access: ProjectAccess): Decision {
  if (!canSeeProject(actor, access)) return 'not_found';
  if (isInstanceAdmin(actor)) return 'allowed';
  const needed = PROJECT_ACTIONS[action];
  return needed === 0 || (access.accessLevel ?? 0) >= needed ? 'allowed' : 'forbidden';
}

export function authorizeProject(actor: Actor, action: ProjectAction, access: ProjectAccess): void {
  const decision = decideProject(actor, action, access);
  if (decision === 'not_found') throw new DomainError('not_found', 'Project not found');
  if (decision === 'forbidden') throw new DomainError('forbidden', `You are not allowed to ${action.replaceAll('_', ' ')} in this project`);
}

/**
 * For an action on one ticket: a confidential ticket is invisible (not_found) below reporter, then the
 * action's own level applies.
 */
export function authorizeTicket(actor: Actor, action: ProjectAction, access: ProjectAccess, ticket: { confidential: boolean; authorId?: number }): void {
  // As in GitLab, whoever opened a confidential ticket still sees it (a guest's ticket is confidential by default).
  const isAuthor = actor.kind === 'user' && ticket.authorId === actor.userId;
  if (ticket.confidential && !isAuthor && decideProject(actor, 'read_confidential', access) !== 'allowed') {
    throw new DomainError('not_found', canSeeProject(actor, access) ? 'Ticket not found' : 'Project not found');
  }
  authorizeProject(actor, action, access);
}

/** SD-86: reporters and up see customers' addresses in clear. */
export const seesExternalAddresses = (actor: Actor, access: ProjectAccess) => decideProject(actor, 'read_confidential', access) === 'allowed';

/** GitLab's rule: only owners (and admins) may make or unmake owners. */
export function authorizeGrant(actor: Actor, access: ProjectAccess, level: AccessLevel, previousLevel?: AccessLevel): void {
  authorizeProject(actor, 'manage_members', access);
  const touchesOwner = level === ACCESS_LEVELS.owner || previousLevel === ACCESS_LEVELS.owner;
  if (touchesOwner && !isInstanceAdmin(actor) && access.accessLevel !== ACCESS_LEVELS.owner) {
    throw new DomainError('forbidden', 'Only an owner can grant or change the owner role');
  }
}

export type InstanceAction = 'create_user' | 'list_all_users' | 'read_user_email' | 'manage_user_tokens';

/** Instance-wide actions; `subjectUserId` is the user acted upon, where there is one. */
export function canOnInstance(actor: Actor, action: InstanceAction, subjectUserId?: number): boolean {
  if (isInstanceAdmin(actor)) return true;
  switch (action) {
    case 'create_user':
      return false;
    case 'list_all_users':
      return true;
    case 'read_user_email':
    case 'manage_user_tokens':
      return actor.kind === 'user' && actor.userId === subjectUserId;
  }
}
