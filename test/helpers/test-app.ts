// The whole app on a fresh database, not listening: requests go through Fastify's inject().
// Factories create users, tokens and projects through the real use cases.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { pino } from 'pino';
import { bootstrapInstance } from '../../src/app/instance/bootstrap-instance.ts';
import { addProjectMember } from '../../src/app/members/change-project-member.ts';
import { createProject } from '../../src/app/projects/create-project.ts';
import { createPersonalAccessToken } from '../../src/app/tokens/create-personal-access-token.ts';
import { createUser } from '../../src/app/users/create-user.ts';
import { loadConfig, type Config } from '../../src/config/config.ts';
import type { RawEnv } from '../../src/config/env.ts';
import { createContext, type Context } from '../../src/context.ts';
import { SYSTEM_ACTOR } from '../../src/domain/actor.ts';
import type { UserRow } from '../../src/db/schema/users.ts';
import type { ProjectRow } from '../../src/db/schema/projects.ts';
import { buildHttpApp } from '../../src/http/app.ts';
import type { DnsResolve } from '../../src/mail/dns-resolver.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { fixedDns } from './dns.ts';

export interface TestUser {
  user: UserRow;
  token: string;
}

export interface TestApp {
  ctx: Context;
  http: FastifyInstance;
  database: TestDatabase;
  /** Sends a request with `token` as bearer (none when null). Bodies are JSON. */
  request(
    token: string | null,
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
  ): Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
  user(options?: { admin?: boolean; username?: string; scopes?: string[] }): Promise<TestUser>;
  project(owner: TestUser, options?: { path?: string; name?: string; visibility?: 'private' | 'internal' | 'public' }): Promise<ProjectRow>;
  member(project: Pick<ProjectRow, 'id'>, options: { level: number; admin?: boolean }): Promise<TestUser>;
  close(): Promise<void>;
}

export const uniqueName = (prefix: string) => `${prefix}${randomBytes(4).toString('hex')}`;

export function testConfig(dataDir: string, database: Config['database'], env: RawEnv = {}): Config {
  // Tests send many mails from one address; the flood limits are off unless a test turns them on.
  const unlimited: RawEnv = {
    RATE_LIMIT_NEW_TICKETS_PER_SENDER_HOUR: '0',
    RATE_LIMIT_REPLIES_PER_SENDER_HOUR: '0',
    RATE_LIMIT_AUTO_MAILS_PER_RECIPIENT_HOUR: '0',
  };
  return { ...loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...unlimited, ...env }), database };
}

/** `dns`: the records sender verification sees; by default none at all (every name ENOTFOUND). */
export async function startTestApp(options: { env?: RawEnv; clock?: () => Date; webRoot?: string; dns?: DnsResolve } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const ctx = createContext(testConfig(database.dataDir, database.config, options.env), {
    db: database.open(),
    clock: options.clock,
    logger: pino({ level: 'silent' }),
    webRoot: options.webRoot,
    dnsResolver: options.dns ?? fixedDns(),
  });
  await bootstrapInstance(ctx);
  const http = buildHttpApp(ctx);
  await http.ready();

  const user: TestApp['user'] = async ({ admin = false, username = uniqueName('user'), scopes } = {}) => {
    const row = await createUser(ctx, SYSTEM_ACTOR, {
      username,
      email: `${username}@example.test`,
      name: `User ${username}`,
      password: 'correct horse battery',
      admin,
    });
    const { token } = await createPersonalAccessToken(ctx, SYSTEM_ACTOR, row.id, { name: 'test', scopes });
    return { user: row, token };
  };

  return {
    ctx,
    http,
    database,
    async request(token, method, url, body) {
      const response = await http.inject({
        method,
        url,
        headers: token ? { authorization: `Bearer ${token}` } : {},
        ...(body !== undefined && { payload: body as Record<string, unknown> }),
      });
      const text = response.body;
      // Pages for people (the unsubscribe link) answer HTML: keep their text as it is.
      const json = /json/.test(String(response.headers['content-type'] ?? 'application/json'));
      return { status: response.statusCode, body: text ? (json ? JSON.parse(text) : text) : undefined, headers: response.headers };
    },
    user,
    async project(owner, { path = uniqueName('proj'), name = 'Project', visibility } = {}) {
      return createProject(ctx, { kind: 'user', userId: owner.user.id, admin: owner.user.admin === 1 }, { name, path, visibility });
    },
    async member(project, { level, admin }) {
      const member = await user({ admin });
      await addProjectMember(ctx, SYSTEM_ACTOR, String(project.id), member.user.id, level);
      return member;
    },
    async close() {
      await http.close();
      await database.drop();
    },
  };
}
