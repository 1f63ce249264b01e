// Every route × every role, against the HTTP API. The expected status of each cell is written down below
// as data, by hand, from INTERFACE.md and GitLab's rules — never derived from src/domain/policy.ts, so a
// wrong policy fails here. A route added to allRoutes() without a row here fails the coverage test.
//
// Roles: anonymous (no token), non_member (signed in, not in the project), guest 10, reporter 20,
// developer 30, maintainer 40, owner 50 (members of the project), admin (instance admin, not a member).
// Project rules: may not see → 404, may see but not do → 403, no credentials → 401. Internal projects are
// visible to every signed-in user; private ones to members and admins only.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addProjectMember } from '../../src/app/members/change-project-member.ts';
import { createPersonalAccessToken } from '../../src/app/tokens/create-personal-access-token.ts';
import { SYSTEM_ACTOR } from '../../src/domain/actor.ts';
import type { ProjectRow } from '../../src/db/schema/projects.ts';
import { fullPath } from '../../src/http/register-routes.ts';
import { allRoutes } from '../../src/http/routes.ts';
import { startTestApp, uniqueName, type TestApp, type TestUser } from '../helpers/test-app.ts';

const ROLES = ['anonymous', 'non_member', 'guest', 'reporter', 'developer', 'maintainer', 'owner', 'admin'] as const;
type Role = (typeof ROLES)[number];
type SignedInRole = Exclude<Role, 'anonymous'>;
type Status = 200 | 201 | 204 | 401 | 403 | 404 | 409;
/** One status per role, in the order of ROLES. */
type Row = readonly [anonymous: Status, non_member: Status, guest: Status, reporter: Status, developer: Status, maintainer: Status, owner: Status, admin: Status];

// prettier-ignore
const EXPECTED = {
  //                                                          anon non  guest rep  dev  maint owner admin
  'GET /api/v1/projects/:id': {
    'private project':                                        [401, 404, 200, 200, 200, 200, 200, 200],
    'internal project':                                       [401, 200, 200, 200, 200, 200, 200, 200],
    'public project':                                         [401, 200, 200, 200, 200, 200, 200, 200],
    'no such project':                                        [401, 404, 404, 404, 404, 404, 404, 404],
  },
  'PUT /api/v1/projects/:id': {
    'private project: rename':                                [401, 404, 403, 403, 403, 200, 200, 200],
    'internal project: rename':                               [401, 403, 403, 403, 403, 200, 200, 200],
  },
  'GET /api/v1/projects/:id/members': {
    'private project':                                        [401, 404, 200, 200, 200, 200, 200, 200],
    'internal project':                                       [401, 200, 200, 200, 200, 200, 200, 200],
  },
  'POST /api/v1/projects/:id/members': {
    'private project: add a developer':                       [401, 404, 403, 403, 403, 201, 201, 201],
    'internal project: add a developer':                      [401, 403, 403, 403, 403, 201, 201, 201],
    'private project: add an owner':                          [401, 404, 403, 403, 403, 403, 201, 201],
    'internal project: add an owner':                         [401, 403, 403, 403, 403, 403, 201, 201],
  },
  'PUT /api/v1/projects/:id/members/:user_id': {
    'private project: developer to reporter':                 [401, 404, 403, 403, 403, 200, 200, 200],
    'internal project: developer to reporter':                [401, 403, 403, 403, 403, 200, 200, 200],
    'private project: developer to owner':                    [401, 404, 403, 403, 403, 403, 200, 200],
    'internal project: developer to owner':                   [401, 403, 403, 403, 403, 403, 200, 200],
    'private project: one of two owners to maintainer':       [401, 404, 403, 403, 403, 403, 200, 200],
    'internal project: one of two owners to maintainer':      [401, 403, 403, 403, 403, 403, 200, 200],
    'private project: the last owner to maintainer':          [401, 404, 403, 403, 403, 403, 409, 409],
    'internal project: the last owner to maintainer':         [401, 403, 403, 403, 403, 403, 409, 409],
  },
  'DELETE /api/v1/projects/:id/members/:user_id': {
    'private project: remove a developer':                    [401, 404, 403, 403, 403, 204, 204, 204],
    'internal project: remove a developer':                   [401, 403, 403, 403, 403, 204, 204, 204],
    'private project: remove one of two owners':              [401, 404, 403, 403, 403, 403, 204, 204],
    'internal project: remove one of two owners':             [401, 403, 403, 403, 403, 403, 204, 204],
    'private project: remove the last owner':                 [401, 404, 403, 403, 403, 403, 409, 409],
    'internal project: remove the last owner':                [401, 403, 403, 403, 403, 403, 409, 409],
  },
  'GET /api/v1/projects/:id/service_desk': {
    'private project':                                        [401, 404, 403, 200, 200, 200, 200, 200],
    'internal project':                                       [401, 403, 403, 200, 200, 200, 200, 200],
  },
  'PUT /api/v1/projects/:id/service_desk': {
    'private project: change outgoing_name':                  [401, 404, 403, 403, 403, 200, 200, 200],
    'internal project: change outgoing_name':                 [401, 403, 403, 403, 403, 200, 200, 200],
  },
  'GET /api/v1/projects': {
    'list':                                                   [401, 200, 200, 200, 200, 200, 200, 200],
  },
  'POST /api/v1/projects': {
    'create':                                                 [401, 201, 201, 201, 201, 201, 201, 201],
  },
  'GET /api/v1/user': {
    'the caller':                                             [401, 200, 200, 200, 200, 200, 200, 200],
  },
  'GET /api/v1/users': {
    'list':                                                   [401, 200, 200, 200, 200, 200, 200, 200],
  },
  'GET /api/v1/users/:id': {
    'another user':                                           [401, 200, 200, 200, 200, 200, 200, 200],
    'no such user':                                           [401, 404, 404, 404, 404, 404, 404, 404],
  },
  'POST /api/v1/users': {
    'create':                                                 [401, 403, 403, 403, 403, 403, 403, 201],
  },
  'GET /api/v1/users/:id/personal_access_tokens': {
    'own tokens':                                             [401, 200, 200, 200, 200, 200, 200, 200],
    "another user's tokens":                                  [401, 404, 404, 404, 404, 404, 404, 200],
    'no such user':                                           [401, 404, 404, 404, 404, 404, 404, 404],
  },
  'POST /api/v1/users/:id/personal_access_tokens': {
    'for oneself':                                            [401, 201, 201, 201, 201, 201, 201, 201],
    'for another user':                                       [401, 404, 404, 404, 404, 404, 404, 201],
    'no such user':                                           [401, 404, 404, 404, 404, 404, 404, 404],
  },
  'DELETE /api/v1/personal_access_tokens/:id': {
    'own token':                                              [401, 204, 204, 204, 204, 204, 204, 204],
    "another user's token":                                   [401, 404, 404, 404, 404, 404, 404, 204],
    'no such token':                                          [401, 404, 404, 404, 404, 404, 404, 404],
  },
  'GET /health': {
    'liveness':                                               [200, 200, 200, 200, 200, 200, 200, 200],
  },
  'GET /api/v1/health': {
    'liveness':                                               [200, 200, 200, 200, 200, 200, 200, 200],
  },
  'GET /api/v1/openapi.json': {
    'document':                                               [200, 200, 200, 200, 200, 200, 200, 200],
  },
} as const satisfies Record<string, Record<string, Row>>;

/** Whether a private project appears in GET /projects for each signed-in role. */
// prettier-ignore
const LISTS_PRIVATE_PROJECT: Record<SignedInRole, boolean> = {
  non_member: false, guest: true, reporter: true, developer: true, maintainer: true, owner: true, admin: true,
};

/** The error code the API must send with each refusing status (INTERFACE.md). */
const ERROR_CODE: Partial<Record<Status, string>> = { 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 409: 'conflict' };

// ---------------------------------------------------------------------------------------------------
// Fixtures and actions: how each cell is played.

interface World {
  t: TestApp;
  users: Record<SignedInRole, TestUser>;
  /** A signed-in user with no part in any case: whose tokens and profile "another user" means. */
  other: TestUser;
  /** Never a member: the user POST /members adds. */
  candidate: TestUser;
  /** A developer of every fresh project: the member PUT/DELETE changes or removes. */
  target: TestUser;
  /** A second owner, where a case needs one. */
  coOwner: TestUser;
}

interface Caller {
  role: Role;
  token: string | null;
  /** The caller's user id; for anonymous, some other existing user's. */
  userId: number;
}

interface Outcome {
  status: number;
  body: any;
}

type Action = (w: World, caller: Caller) => Promise<Outcome>;
type Actions = { [R in keyof typeof EXPECTED]: { [S in keyof (typeof EXPECTED)[R]]: Action } };

type Visibility = 'private' | 'internal' | 'public';
const MEMBER_LEVELS: Array<[Exclude<SignedInRole, 'non_member' | 'owner' | 'admin'>, number]> = [
  ['guest', 10],
  ['reporter', 20],
  ['developer', 30],
  ['maintainer', 40],
];

/** A new project owned by the `owner` role, with the guest…maintainer roles as members, plus `extra`. */
async function freshProject(w: World, visibility: Visibility, extra: Array<[TestUser, number]> = []): Promise<ProjectRow> {
  const project = await w.t.project(w.users.owner, { visibility });
  const members: Array<[TestUser, number]> = [...MEMBER_LEVELS.map(([role, level]): [TestUser, number] => [w.users[role], level]), ...extra];
  for (const [member, level] of members) await addProjectMember(w.t.ctx, SYSTEM_ACTOR, String(project.id), member.user.id, level);
  return project;
}

const succeeded = (status: number) => status >= 200 && status < 300;

/** A write must happen exactly when the request succeeds: a refused request changes nothing. */
function assertEffect(outcome: Outcome, changed: boolean, what: string): void {
  assert.equal(changed, succeeded(outcome.status), `${what}: ${changed ? 'changed' : 'unchanged'} after ${outcome.status}`);
}

const db = (w: World) => w.t.ctx.db.db;

async function levelOf(w: World, projectId: number, userId: number): Promise<number | null> {
  const row = await db(w).selectFrom('project_members').select('access_level').where('project_id', '=', projectId).where('user_id', '=', userId).executeTakeFirst();
  return row?.access_level ?? null;
}

async function tokenCount(w: World, userId: number): Promise<number> {
  const rows = await db(w).selectFrom('personal_access_tokens').select('id').where('user_id', '=', userId).execute();
  return rows.length;
}

async function extraToken(w: World, userId: number): Promise<number> {
  const { row } = await createPersonalAccessToken(w.t.ctx, SYSTEM_ACTOR, userId, { name: uniqueName('spare') });
  return row.id;
}

const call = (w: World, c: Caller, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) => w.t.request(c.token, method, url, body);

const getProject = (visibility: Visibility): Action => async (w, c) => {
  const p = await freshProject(w, visibility);
  const outcome = await call(w, c, 'GET', `/api/v1/projects/${p.id}`);
  if (succeeded(outcome.status)) assert.equal(outcome.body.id, p.id);
  return outcome;
};

const renameProject = (visibility: Visibility): Action => async (w, c) => {
  const p = await freshProject(w, visibility);
  const outcome = await call(w, c, 'PUT', `/api/v1/projects/${p.id}`, { name: 'Renamed' });
  const row = await db(w).selectFrom('projects').select('name').where('id', '=', p.id).executeTakeFirstOrThrow();
  assertEffect(outcome, row.name === 'Renamed', 'project name');
  return outcome;
};

const listMembers = (visibility: Visibility): Action => async (w, c) => {
  const p = await freshProject(w, visibility);
  const outcome = await call(w, c, 'GET', `/api/v1/projects/${p.id}/members`);
  if (succeeded(outcome.status)) assert.equal(outcome.body.length, 5, 'owner and four members');
  return outcome;
};

const addMember = (visibility: Visibility, level: number): Action => async (w, c) => {
  const p = await freshProject(w, visibility);
  const outcome = await call(w, c, 'POST', `/api/v1/projects/${p.id}/members`, { user_id: w.candidate.user.id, access_level: level });
  assertEffect(outcome, (await levelOf(w, p.id, w.candidate.user.id)) === level, 'membership added');
  return outcome;
};

/** Changes `who` (a member made by `setup`) from its level to `to`. */
const changeMember =
  (visibility: Visibility, who: 'target' | 'coOwner' | 'owner', to: number): Action =>
  async (w, c) => {
    const user = who === 'owner' ? w.users.owner : w[who];
    const extra: Array<[TestUser, number]> = who === 'target' ? [[w.target, 30]] : who === 'coOwner' ? [[w.coOwner, 50]] : [];
    const p = await freshProject(w, visibility, extra);
    const before = await levelOf(w, p.id, user.user.id);
    const outcome = await call(w, c, 'PUT', `/api/v1/projects/${p.id}/members/${user.user.id}`, { access_level: to });
    const now = await levelOf(w, p.id, user.user.id);
    assertEffect(outcome, now !== before, 'member level');
    if (succeeded(outcome.status)) assert.equal(now, to);
    return outcome;
  };

const removeMember =
  (visibility: Visibility, who: 'target' | 'coOwner' | 'owner'): Action =>
  async (w, c) => {
    const user = who === 'owner' ? w.users.owner : w[who];
    const extra: Array<[TestUser, number]> = who === 'target' ? [[w.target, 30]] : who === 'coOwner' ? [[w.coOwner, 50]] : [];
    const p = await freshProject(w, visibility, extra);
    const outcome = await call(w, c, 'DELETE', `/api/v1/projects/${p.id}/members/${user.user.id}`);
    assertEffect(outcome, (await levelOf(w, p.id, user.user.id)) === null, 'membership removed');
    return outcome;
  };

const getServiceDesk = (visibility: Visibility): Action => async (w, c) => {
  const p = await freshProject(w, visibility);
  const outcome = await call(w, c, 'GET', `/api/v1/projects/${p.id}/service_desk`);
  if (succeeded(outcome.status)) assert.equal(outcome.body.project_id, p.id);
  return outcome;
};

const updateServiceDesk = (visibility: Visibility): Action => async (w, c) => {
  const p = await freshProject(w, visibility);
  const outcome = await call(w, c, 'PUT', `/api/v1/projects/${p.id}/service_desk`, { outgoing_name: 'Help Desk' });
  const row = await db(w).selectFrom('service_desk_settings').select('outgoing_name').where('project_id', '=', p.id).executeTakeFirstOrThrow();
  assertEffect(outcome, row.outgoing_name === 'Help Desk', 'service desk outgoing_name');
  return outcome;
};

const NO_SUCH_ID = 987654;

const ACTIONS: Actions = {
  'GET /api/v1/projects/:id': {
    'private project': getProject('private'),
    'internal project': getProject('internal'),
    'public project': getProject('public'),
    'no such project': (w, c) => call(w, c, 'GET', `/api/v1/projects/${NO_SUCH_ID}`),
  },
  'PUT /api/v1/projects/:id': {
    'private project: rename': renameProject('private'),
    'internal project: rename': renameProject('internal'),
  },
  'GET /api/v1/projects/:id/members': {
    'private project': listMembers('private'),
    'internal project': listMembers('internal'),
  },
  'POST /api/v1/projects/:id/members': {
    'private project: add a developer': addMember('private', 30),
    'internal project: add a developer': addMember('internal', 30),
    'private project: add an owner': addMember('private', 50),
    'internal project: add an owner': addMember('internal', 50),
  },
  'PUT /api/v1/projects/:id/members/:user_id': {
    'private project: developer to reporter': changeMember('private', 'target', 20),
    'internal project: developer to reporter': changeMember('internal', 'target', 20),
    'private project: developer to owner': changeMember('private', 'target', 50),
    'internal project: developer to owner': changeMember('internal', 'target', 50),
    'private project: one of two owners to maintainer': changeMember('private', 'coOwner', 40),
    'internal project: one of two owners to maintainer': changeMember('internal', 'coOwner', 40),
    'private project: the last owner to maintainer': changeMember('private', 'owner', 40),
    'internal project: the last owner to maintainer': changeMember('internal', 'owner', 40),
  },
  'DELETE /api/v1/projects/:id/members/:user_id': {
    'private project: remove a developer': removeMember('private', 'target'),
    'internal project: remove a developer': removeMember('internal', 'target'),
    'private project: remove one of two owners': removeMember('private', 'coOwner'),
    'internal project: remove one of two owners': removeMember('internal', 'coOwner'),
    'private project: remove the last owner': removeMember('private', 'owner'),
    'internal project: remove the last owner': removeMember('internal', 'owner'),
  },
  'GET /api/v1/projects/:id/service_desk': {
    'private project': getServiceDesk('private'),
    'internal project': getServiceDesk('internal'),
  },
  'PUT /api/v1/projects/:id/service_desk': {
    'private project: change outgoing_name': updateServiceDesk('private'),
    'internal project: change outgoing_name': updateServiceDesk('internal'),
  },
  'GET /api/v1/projects': {
    list: (w, c) => call(w, c, 'GET', '/api/v1/projects?per_page=100'),
  },
  'POST /api/v1/projects': {
    create: async (w, c) => {
      const path = uniqueName('created');
      const outcome = await call(w, c, 'POST', '/api/v1/projects', { name: 'Created', path });
      const row = await db(w).selectFrom('projects').select('id').where('path', '=', path).executeTakeFirst();
      assertEffect(outcome, row !== undefined, 'project created');
      return outcome;
    },
  },
  'GET /api/v1/user': {
    'the caller': async (w, c) => {
      const outcome = await call(w, c, 'GET', '/api/v1/user');
      if (succeeded(outcome.status)) assert.equal(outcome.body.id, c.userId);
      return outcome;
    },
  },
  'GET /api/v1/users': {
    list: (w, c) => call(w, c, 'GET', '/api/v1/users?per_page=100'),
  },
  'GET /api/v1/users/:id': {
    'another user': (w, c) => call(w, c, 'GET', `/api/v1/users/${w.other.user.id}`),
    'no such user': (w, c) => call(w, c, 'GET', `/api/v1/users/${NO_SUCH_ID}`),
  },
  'POST /api/v1/users': {
    create: async (w, c) => {
      const username = uniqueName('made');
      const outcome = await call(w, c, 'POST', '/api/v1/users', { username, email: `${username}@example.test`, name: 'Made Here' });
      const row = await db(w).selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
      assertEffect(outcome, row !== undefined, 'user created');
      return outcome;
    },
  },
  'GET /api/v1/users/:id/personal_access_tokens': {
    'own tokens': async (w, c) => {
      const outcome = await call(w, c, 'GET', `/api/v1/users/${c.userId}/personal_access_tokens`);
      if (succeeded(outcome.status)) {
        assert.ok(outcome.body.length >= 1);
        assert.ok(outcome.body.every((token: any) => token.user_id === c.userId && !('token' in token)));
      }
      return outcome;
    },
    "another user's tokens": (w, c) => call(w, c, 'GET', `/api/v1/users/${w.other.user.id}/personal_access_tokens`),
    'no such user': (w, c) => call(w, c, 'GET', `/api/v1/users/${NO_SUCH_ID}/personal_access_tokens`),
  },
  'POST /api/v1/users/:id/personal_access_tokens': {
    'for oneself': async (w, c) => {
      const before = await tokenCount(w, c.userId);
      const outcome = await call(w, c, 'POST', `/api/v1/users/${c.userId}/personal_access_tokens`, { name: 'mine' });
      assertEffect(outcome, (await tokenCount(w, c.userId)) > before, 'token created');
      return outcome;
    },
    'for another user': async (w, c) => {
      const before = await tokenCount(w, w.other.user.id);
      const outcome = await call(w, c, 'POST', `/api/v1/users/${w.other.user.id}/personal_access_tokens`, { name: 'theirs' });
      assertEffect(outcome, (await tokenCount(w, w.other.user.id)) > before, 'token created');
      return outcome;
    },
    'no such user': (w, c) => call(w, c, 'POST', `/api/v1/users/${NO_SUCH_ID}/personal_access_tokens`, { name: 'nobody' }),
  },
  'DELETE /api/v1/personal_access_tokens/:id': {
    'own token': async (w, c) => revokeToken(w, c, c.userId),
    "another user's token": async (w, c) => revokeToken(w, c, w.other.user.id),
    'no such token': (w, c) => call(w, c, 'DELETE', `/api/v1/personal_access_tokens/${NO_SUCH_ID}`),
  },
  'GET /health': { liveness: (w, c) => call(w, c, 'GET', '/health') },
  'GET /api/v1/health': { liveness: (w, c) => call(w, c, 'GET', '/api/v1/health') },
  'GET /api/v1/openapi.json': { document: (w, c) => call(w, c, 'GET', '/api/v1/openapi.json') },
};

/** Revokes a spare token of `ownerId` (never the one the caller signs in with). */
async function revokeToken(w: World, c: Caller, ownerId: number): Promise<Outcome> {
  const tokenId = await extraToken(w, ownerId);
  const outcome = await call(w, c, 'DELETE', `/api/v1/personal_access_tokens/${tokenId}`);
  const row = await db(w).selectFrom('personal_access_tokens').select('revoked_at').where('id', '=', tokenId).executeTakeFirstOrThrow();
  assertEffect(outcome, row.revoked_at !== null, 'token revoked');
  return outcome;
}

// ---------------------------------------------------------------------------------------------------

describe('permissions: every route × role', () => {
  let w: World;
  before(async () => {
    const t = await startTestApp();
    const signedIn = async (role: SignedInRole) => [role, await t.user({ admin: role === 'admin', username: uniqueName(`${role.replace('_', '')}-`) })] as const;
    const users = Object.fromEntries(await Promise.all(ROLES.filter((r): r is SignedInRole => r !== 'anonymous').map(signedIn))) as Record<SignedInRole, TestUser>;
    w = { t, users, other: await t.user(), candidate: await t.user(), target: await t.user(), coOwner: await t.user() };
  });
  after(() => w.t.close());

  const callerOf = (role: Role): Caller =>
    role === 'anonymous' ? { role, token: null, userId: w.other.user.id } : { role, token: w.users[role].token, userId: w.users[role].user.id };

  it('the table covers every route of allRoutes(), and no route that does not exist', () => {
    const served = allRoutes().map((r) => `${r.method} ${fullPath(r)}`).sort();
    const tabled = Object.keys(EXPECTED).sort();
    assert.deepEqual(served.filter((r) => !tabled.includes(r)), [], 'routes without a row in EXPECTED: add their expected status per role');
    assert.deepEqual(tabled.filter((r) => !served.includes(r)), [], 'rows in EXPECTED for routes that do not exist');
  });

  it('every expectation has an action that plays it, and every action an expectation', () => {
    for (const [route, scenarios] of Object.entries(EXPECTED)) {
      const actions = (ACTIONS as Record<string, Record<string, Action>>)[route];
      assert.ok(actions, `no actions for ${route}`);
      assert.deepEqual(Object.keys(actions).sort(), Object.keys(scenarios).sort(), route);
      for (const row of Object.values(scenarios) as Row[]) assert.equal(row.length, ROLES.length, route);
    }
  });

  for (const [route, scenarios] of Object.entries(EXPECTED) as Array<[keyof typeof EXPECTED, Record<string, Row>]>) {
    describe(route, () => {
      for (const [scenario, row] of Object.entries(scenarios)) {
        ROLES.forEach((role, i) => {
          const expected = row[i]!;
          it(`${scenario}: ${role} → ${expected}`, async () => {
            const action = (ACTIONS[route] as Record<string, Action>)[scenario]!;
            const outcome = await action(w, callerOf(role));
            assert.equal(outcome.status, expected, `${route} (${scenario}) as ${role}: ${JSON.stringify(outcome.body)}`);
            const code = ERROR_CODE[expected];
            if (code) assert.equal(outcome.body?.error, code, JSON.stringify(outcome.body));
          });
        });
      }
    });
  }

  describe('GET /api/v1/projects lists a private project only to members and admins', () => {
    for (const [role, listed] of Object.entries(LISTS_PRIVATE_PROJECT) as Array<[SignedInRole, boolean]>) {
      it(`${role}: ${listed ? 'listed' : 'not listed'}`, async () => {
        const p = await freshProject(w, 'private');
        const response = await w.t.request(w.users[role].token, 'GET', `/api/v1/projects?per_page=100&search=${encodeURIComponent(p.path)}`);
        assert.equal(response.status, 200);
        assert.equal(response.body.some((project: any) => project.id === p.id), listed);
      });
    }
  });

  describe('a read_api token reads but may not write (403 insufficient_scope)', () => {
    const readOnlyToken = async (user: TestUser) =>
      (await createPersonalAccessToken(w.t.ctx, SYSTEM_ACTOR, user.user.id, { name: 'read only', scopes: ['read_api'] })).token;

    it('a maintainer with read_api reads the project but may not rename it', async () => {
      const p = await freshProject(w, 'private');
      const token = await readOnlyToken(w.users.maintainer);
      assert.equal((await w.t.request(token, 'GET', `/api/v1/projects/${p.id}`)).status, 200);
      const put = await w.t.request(token, 'PUT', `/api/v1/projects/${p.id}`, { name: 'Renamed' });
      assert.equal(put.status, 403);
      assert.equal(put.body.error, 'insufficient_scope');
      const row = await db(w).selectFrom('projects').select('name').where('id', '=', p.id).executeTakeFirstOrThrow();
      assert.equal(row.name, p.name);
    });

    it('an owner with read_api may not remove a member', async () => {
      const p = await freshProject(w, 'private', [[w.target, 30]]);
      const token = await readOnlyToken(w.users.owner);
      const del = await w.t.request(token, 'DELETE', `/api/v1/projects/${p.id}/members/${w.target.user.id}`);
      assert.equal(del.status, 403);
      assert.equal(del.body.error, 'insufficient_scope');
      assert.equal(await levelOf(w, p.id, w.target.user.id), 30);
    });

    it('an admin with read_api may not create a user', async () => {
      const token = await readOnlyToken(w.users.admin);
      const username = uniqueName('nope');
      const post = await w.t.request(token, 'POST', '/api/v1/users', { username, email: `${username}@example.test`, name: 'Nope' });
      assert.equal(post.status, 403);
      assert.equal(post.body.error, 'insufficient_scope');
    });
  });
});
