// The CLI's administrative commands. They act as the `system` actor: a shell on the server is trusted,
// exactly as GitLab's rails console is. Each prints JSON, one object or array, for scripts.
import { parseArgs } from 'node:util';
import { getInboundMessage, getInboundMessageBytes, listInboundMessages, replayInboundMessage } from '../app/mail-log/inbound-messages.ts';
import { createProject } from '../app/projects/create-project.ts';
import { listProjects } from '../app/projects/list-projects.ts';
import { createPersonalAccessToken } from '../app/tokens/create-personal-access-token.ts';
import { createUser } from '../app/users/create-user.ts';
import { findUserByUsername } from '../app/users/find-user.ts';
import { listUsers } from '../app/users/list-users.ts';
import type { Context } from '../context.ts';
import { SYSTEM_ACTOR } from '../domain/actor.ts';
import { DomainError } from '../domain/errors.ts';
import type { Visibility } from '../domain/policy.ts';

type Print = (value: unknown) => void;
type Command = (ctx: Context, args: string[], print: Print) => Promise<void>;

const options = {
  username: { type: 'string' },
  email: { type: 'string' },
  name: { type: 'string' },
  password: { type: 'string' },
  admin: { type: 'boolean' },
  user: { type: 'string' },
  scopes: { type: 'string' },
  expires: { type: 'string' },
  path: { type: 'string' },
  owner: { type: 'string' },
  visibility: { type: 'string' },
  state: { type: 'string' },
  project: { type: 'string' },
} as const;

const parse = (args: string[]) => parseArgs({ args, options, strict: true, allowPositionals: false }).values;

function idArgument(args: string[]): number {
  const id = Number(args[0]);
  if (!Number.isInteger(id) || id <= 0) throw new DomainError('invalid', 'Give the message id, e.g. postdesk inbound show 42');
  return id;
}

const inboundSummary = (m: {
  id: number;
  state: string;
  reason: string | null;
  error: string | null;
  from_address: string | null;
  subject: string | null;
  project_id: number | null;
  ticket_iid: number | null;
  matched_by: string | null;
  received_at: string;
}) => ({
  id: m.id,
  state: m.state,
  reason: m.reason,
  error: m.error,
  from: m.from_address,
  subject: m.subject,
  project_id: m.project_id,
  ticket_iid: m.ticket_iid,
  matched_by: m.matched_by,
  received_at: m.received_at,
});

function required(value: string | undefined, flag: string): string {
  if (!value) throw new DomainError('invalid', `--${flag} is required`);
  return value;
}

async function userIdOf(ctx: Context, username: string): Promise<number> {
  const user = await findUserByUsername(ctx.db.db, username);
  if (!user) throw new DomainError('not_found', `No user ${username}`);
  return user.id;
}

export const ADMIN_COMMANDS: Record<string, Command> = {
  async 'inbound list'(ctx, args, print) {
    const v = parse(args);
    const page = await listInboundMessages(ctx, SYSTEM_ACTOR, { perPage: 100, state: v.state as 'failed' | undefined, projectRef: v.project });
    print(page.items.map(inboundSummary));
  },
  async 'inbound show'(ctx, args, print) {
    const message = await getInboundMessage(ctx, SYSTEM_ACTOR, idArgument(args));
    const { pieces } = await getInboundMessageBytes(ctx, SYSTEM_ACTOR, message.id);
    const start = (await pieces.next()).value ?? Buffer.alloc(0); // the first MiB is plenty for 20,000 characters
    await pieces.return(undefined);
    print({ ...inboundSummary(message), size: message.size, channel: message.channel, raw: start.toString('utf8').slice(0, 20_000) });
  },
  async 'inbound replay'(ctx, args, print) {
    const id = idArgument(args);
    await replayInboundMessage(ctx, SYSTEM_ACTOR, id);
    print({ id, state: 'received', note: 'queued for processing; a running worker (postdesk serve or worker) picks it up' });
  },
  async 'users list'(ctx, _args, print) {
    const page = await listUsers(ctx, { perPage: 100 });
    print(page.items.map((u) => ({ id: u.id, username: u.username, email: u.email, name: u.name, admin: u.admin === 1, bot: u.bot === 1 })));
  },
  async 'users create'(ctx, args, print) {
    const v = parse(args);
    const user = await createUser(ctx, SYSTEM_ACTOR, {
      username: required(v.username, 'username'),
      email: required(v.email, 'email'),
      name: required(v.name, 'name'),
      password: v.password,
      admin: v.admin,
    });
    print({ id: user.id, username: user.username, email: user.email, admin: user.admin === 1 });
  },
  async 'tokens create'(ctx, args, print) {
    const v = parse(args);
    const userId = await userIdOf(ctx, required(v.user, 'user'));
    const created = await createPersonalAccessToken(ctx, SYSTEM_ACTOR, userId, {
      name: required(v.name, 'name'),
      scopes: v.scopes?.split(','),
      expiresAt: v.expires,
    });
    print({ id: created.row.id, name: created.row.name, scopes: created.row.scopes.split(','), expires_at: created.row.expires_at, token: created.token });
  },
  async 'projects list'(ctx, _args, print) {
    const page = await listProjects(ctx, SYSTEM_ACTOR, { perPage: 100 });
    print(page.items.map((p) => ({ id: p.id, name: p.name, path: p.path, visibility: p.visibility })));
  },
  async 'projects create'(ctx, args, print) {
    const v = parse(args);
    const project = await createProject(ctx, SYSTEM_ACTOR, {
      name: required(v.name, 'name'),
      path: required(v.path, 'path'),
      visibility: v.visibility as Visibility | undefined,
      ownerId: await userIdOf(ctx, v.owner ?? 'root'),
    });
    print({ id: project.id, name: project.name, path: project.path, visibility: project.visibility });
  },
};
