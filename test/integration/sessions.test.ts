// Browser sessions through the real app: sign-in by username or email, the cookie's attributes, CSRF on
// cookie writes (and not on bearer writes), rotation at sign-in, sign-out, idle expiry, password change
// ending the other sessions, and the sign-in throttles (per account and per address, in the database).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { hashToken } from '../../src/app/secrets.ts';
import { startTestApp, uniqueName, type TestApp, type TestUser } from '../helpers/test-app.ts';

const PASSWORD = 'correct horse battery'; // what test-app's factory gives every user
const DAY = 24 * 60 * 60 * 1000;

interface Answer {
  status: number;
  body: any;
  headers: Record<string, unknown>;
  /** The new postdesk_session cookie, if the answer set one. */
  cookie: { value: string; attributes: string } | null;
}

describe('sessions', () => {
  let t: TestApp;
  let now = new Date('2026-12-01T09:00:00Z');
  let address = 0;
  /** A client address of its own for each test, so the per-address throttles of one test never touch another. */
  const freshAddress = () => `10.0.${Math.floor(++address / 250)}.${address % 250}`;

  before(async () => {
    t = await startTestApp({ clock: () => now });
  });
  after(() => t.close());

  async function send(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    options: { session?: string; csrf?: string; bearer?: string; body?: unknown; from?: string } = {},
  ): Promise<Answer> {
    const response = await t.http.inject({
      method,
      url,
      remoteAddress: options.from ?? '127.0.0.1',
      headers: {
        ...(options.bearer && { authorization: `Bearer ${options.bearer}` }),
        ...(options.csrf && { 'x-csrf-token': options.csrf }),
      },
      ...(options.session && { cookies: { postdesk_session: options.session } }),
      ...(options.body !== undefined && { payload: options.body as Record<string, unknown> }),
    });
    const setCookie = ([] as string[])
      .concat((response.headers['set-cookie'] as string | string[] | undefined) ?? [])
      .find((c) => c.startsWith('postdesk_session='));
    const cookie = setCookie ? { value: decodeURIComponent(setCookie.split(';')[0]!.slice('postdesk_session='.length)), attributes: setCookie } : null;
    return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : undefined, headers: response.headers, cookie };
  }

  const signIn = (login: string, password = PASSWORD, options: { from?: string; session?: string } = {}) =>
    send('POST', '/api/v1/session', { body: { login, password }, from: options.from ?? freshAddress(), session: options.session });

  async function session(user: TestUser): Promise<{ id: string; csrf: string }> {
    const answer = await signIn(user.user.username);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.ok(answer.cookie, 'sign-in sets the session cookie');
    return { id: answer.cookie.value, csrf: answer.body.csrf_token };
  }

  it('signs in by username or email in any case, answering the user and a CSRF token and setting an HTTP-only, SameSite=Lax cookie', async () => {
    const { user } = await t.user({ username: uniqueName('Alice') });
    for (const login of [user.username.toUpperCase(), user.email.toUpperCase(), ` ${user.username} `]) {
      const answer = await signIn(login);
      assert.equal(answer.status, 200, `${login}: ${JSON.stringify(answer.body)}`);
      assert.deepEqual(answer.body.user, { id: user.id, username: user.username, name: user.name, email: user.email, admin: false });
      assert.match(answer.body.csrf_token, /^[A-Za-z0-9_-]{40,}$/);
      assert.ok(answer.cookie, 'a cookie is set');
      const attributes = answer.cookie.attributes.split(';').map((a) => a.trim().toLowerCase());
      assert.ok(attributes.includes('httponly'), `HttpOnly: ${answer.cookie.attributes}`);
      assert.ok(attributes.includes('samesite=lax'), `SameSite=Lax: ${answer.cookie.attributes}`);
      assert.ok(attributes.includes('path=/'), `Path=/: ${answer.cookie.attributes}`);
      assert.ok(!attributes.includes('secure'), `no Secure on an http PUBLIC_URL: ${answer.cookie.attributes}`);
      assert.notEqual(answer.body.csrf_token, answer.cookie.value);
    }
  });

  it('stores only the SHA-256 of the session id', async () => {
    const alice = await t.user();
    const { id } = await session(alice);
    const rows = await t.ctx.db.db.selectFrom('sessions').selectAll().where('user_id', '=', alice.user.id).execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.id_hash, hashToken(id));
    assert.ok(!JSON.stringify(rows).includes(id), 'the cookie value itself is nowhere in the row');
  });

  it('GET /session gives back the user and the same CSRF token while the cookie is valid; 401 without it or with a token only', async () => {
    const bob = await t.user();
    const { id, csrf } = await session(bob);
    const again = await send('GET', '/api/v1/session', { session: id });
    assert.equal(again.status, 200);
    assert.equal(again.body.csrf_token, csrf);
    assert.equal(again.body.user.id, bob.user.id);
    assert.equal((await send('GET', '/api/v1/session')).status, 401);
    const tokenOnly = await send('GET', '/api/v1/session', { bearer: bob.token });
    assert.equal(tokenOnly.status, 401);
    assert.equal(tokenOnly.body.error, 'unauthorized');
  });

  it('the cookie authenticates every API route as the same user a token does', async () => {
    const carol = await t.user();
    const { id } = await session(carol);
    const viaCookie = await send('GET', '/api/v1/user', { session: id });
    const viaToken = await send('GET', '/api/v1/user', { bearer: carol.token });
    assert.equal(viaCookie.status, 200);
    assert.deepEqual(viaCookie.body, viaToken.body);
    const project = await t.project(carol);
    assert.equal((await send('GET', `/api/v1/projects/${project.id}`, { session: id })).status, 200);
  });

  it('a write with the cookie needs the session CSRF token (403 csrf_failed otherwise, nothing changes); a bearer write needs none', async () => {
    const dave = await t.user();
    const { id, csrf } = await session(dave);
    const other = await session(await t.user());
    const tries: Array<[string, string | undefined]> = [
      ['no header', undefined],
      ['a wrong token', `${csrf.slice(0, -2)}xx`],
      ["another session's token", other.csrf],
    ];
    for (const [what, header] of tries) {
      const path = uniqueName('csrf');
      const refused = await send('POST', '/api/v1/projects', { session: id, csrf: header, body: { name: 'P', path } });
      assert.equal(refused.status, 403, what);
      assert.equal(refused.body.error, 'csrf_failed', what);
      const row = await t.ctx.db.db.selectFrom('projects').select('id').where('path', '=', path).executeTakeFirst();
      assert.equal(row, undefined, `${what}: no project was created`);
    }
    assert.equal((await send('POST', '/api/v1/projects', { session: id, csrf, body: { name: 'P', path: uniqueName('ok') } })).status, 201);
    assert.equal((await send('POST', '/api/v1/projects', { bearer: dave.token, body: { name: 'P', path: uniqueName('tok') } })).status, 201);
  });

  it('a bearer token is used when both are sent; a wrong token does not fall back to the cookie', async () => {
    const erin = await t.user();
    const { id } = await session(erin);
    const wrong = await send('GET', '/api/v1/user', { session: id, bearer: 'pdt_not-a-token' });
    assert.equal(wrong.status, 401);
    // A bearer write with a cookie beside it needs no CSRF token: the token is the credential.
    assert.equal((await send('POST', '/api/v1/projects', { session: id, bearer: erin.token, body: { name: 'P', path: uniqueName('both') } })).status, 201);
  });

  it('every sign-in makes a new id and ends the session the browser came with; a made-up id is never kept', async () => {
    const frank = await t.user();
    const first = await session(frank);
    const second = await signIn(frank.user.username, PASSWORD, { session: first.id });
    assert.equal(second.status, 200);
    assert.ok(second.cookie && second.cookie.value !== first.id, 'a new session id');
    assert.equal((await send('GET', '/api/v1/session', { session: first.id })).status, 401, 'the old session ended');
    assert.equal((await send('GET', '/api/v1/session', { session: second.cookie.value })).status, 200);
    const planted = 'attacker-chosen-session-id-0123456789abcdef';
    const third = await signIn(frank.user.username, PASSWORD, { session: planted });
    assert.ok(third.cookie && third.cookie.value !== planted, 'the planted id is replaced');
    assert.equal((await send('GET', '/api/v1/session', { session: planted })).status, 401);
  });

  it('the same 401 invalid_credentials for a wrong password, an unknown login, a blocked user and the support bot', async () => {
    const grace = await t.user();
    const blocked = await t.user();
    await t.ctx.db.db.updateTable('users').set({ state: 'blocked' }).where('id', '=', blocked.user.id).execute();
    const answers = [
      await signIn(grace.user.username, 'wrong password'),
      await signIn(uniqueName('nobody')),
      await signIn(`${uniqueName('nobody')}@example.test`),
      await signIn(blocked.user.username),
      await signIn('support-bot', ''),
      await signIn('support-bot', 'anything at all'),
    ];
    assert.equal(answers[4]!.status, 400, 'an empty password is invalid input');
    for (const answer of [...answers.slice(0, 4), answers[5]!]) {
      assert.equal(answer.status, 401, JSON.stringify(answer.body));
      assert.deepEqual(answer.body, answers[0]!.body);
      assert.equal(answer.cookie, null, 'no cookie on failure');
    }
    assert.equal(answers[0]!.body.error, 'invalid_credentials');
  });

  it('a blocked user’s sessions stop working at once', async () => {
    const heidi = await t.user();
    const { id } = await session(heidi);
    await t.ctx.db.db.updateTable('users').set({ state: 'blocked' }).where('id', '=', heidi.user.id).execute();
    assert.equal((await send('GET', '/api/v1/user', { session: id })).status, 401);
  });

  it('DELETE /session needs the CSRF token, ends the session on the server and clears the cookie', async () => {
    const ivan = await t.user();
    const { id, csrf } = await session(ivan);
    const forged = await send('DELETE', '/api/v1/session', { session: id });
    assert.equal(forged.status, 403);
    assert.equal(forged.body.error, 'csrf_failed');
    assert.equal((await send('GET', '/api/v1/user', { session: id })).status, 200, 'still signed in');
    const out = await send('DELETE', '/api/v1/session', { session: id, csrf });
    assert.equal(out.status, 204);
    assert.ok(out.cookie && out.cookie.value === '', `the cookie is cleared: ${out.cookie?.attributes}`);
    assert.match(out.cookie.attributes, /Expires=Thu, 01 Jan 1970|Max-Age=0/i);
    assert.equal((await send('GET', '/api/v1/user', { session: id })).status, 401, 'a kept copy of the cookie is worthless');
  });

  it('a session ends after 14 idle days; using it pushes the end back', async () => {
    const judy = await t.user();
    const start = now;
    try {
      const idle = await session(judy);
      const used = await session(judy);
      now = new Date(start.getTime() + 10 * DAY);
      assert.equal((await send('GET', '/api/v1/user', { session: used.id })).status, 200);
      now = new Date(start.getTime() + 15 * DAY);
      assert.equal((await send('GET', '/api/v1/user', { session: idle.id })).status, 401, 'idle for 15 days');
      assert.equal((await send('GET', '/api/v1/user', { session: used.id })).status, 200, 'used 5 days ago');
    } finally {
      now = start;
    }
  });

  describe('PUT /user/password', () => {
    it('checks the current password and the rules, then ends the other sessions and keeps the caller’s', async () => {
      const kim = await t.user();
      const mine = await session(kim);
      const theirs = await session(kim);
      const wrong = await send('PUT', '/api/v1/user/password', {
        session: mine.id,
        csrf: mine.csrf,
        body: { current_password: 'not it', password: 'a new long password' },
      });
      assert.equal(wrong.status, 400);
      assert.ok(wrong.body.details?.current_password, JSON.stringify(wrong.body));
      const short = await send('PUT', '/api/v1/user/password', { session: mine.id, csrf: mine.csrf, body: { current_password: PASSWORD, password: 'short' } });
      assert.equal(short.status, 400);
      assert.ok(short.body.details?.password, JSON.stringify(short.body));
      assert.equal((await send('GET', '/api/v1/user', { session: theirs.id })).status, 200, 'nothing changed yet');

      const forged = await send('PUT', '/api/v1/user/password', { session: mine.id, body: { current_password: PASSWORD, password: 'a new long password' } });
      assert.equal(forged.status, 403, 'CSRF applies');
      const changed = await send('PUT', '/api/v1/user/password', {
        session: mine.id,
        csrf: mine.csrf,
        body: { current_password: PASSWORD, password: 'a new long password' },
      });
      assert.equal(changed.status, 204, JSON.stringify(changed.body));
      assert.equal((await send('GET', '/api/v1/user', { session: mine.id })).status, 200, "the caller's session stays");
      assert.equal((await send('GET', '/api/v1/user', { session: theirs.id })).status, 401, 'the other session ended');
      assert.equal((await send('GET', '/api/v1/user', { bearer: kim.token })).status, 200, 'tokens are not sessions');
      assert.equal((await signIn(kim.user.username)).status, 401, 'the old password no longer works');
      assert.equal((await signIn(kim.user.username, 'a new long password')).status, 200);
    });

    it('with a token it ends every session of the user', async () => {
      const leo = await t.user();
      const browser = await session(leo);
      const changed = await send('PUT', '/api/v1/user/password', {
        bearer: leo.token,
        body: { current_password: PASSWORD, password: 'another long password' },
      });
      assert.equal(changed.status, 204);
      assert.equal((await send('GET', '/api/v1/user', { session: browser.id })).status, 401);
    });
  });

  describe('sign-in throttles', () => {
    it('after 10 failures an account is locked for everyone, right password included, until the window ends (429 Retry-After)', async () => {
      const mia = await t.user();
      const start = now;
      try {
        for (let i = 1; i <= 10; i++) {
          const answer = await signIn(mia.user.username, `wrong ${i}`);
          assert.equal(answer.status, 401, `failure ${i}`);
        }
        const locked = await signIn(mia.user.email);
        assert.equal(locked.status, 429);
        assert.equal(locked.body.error, 'rate_limited');
        assert.equal(locked.cookie, null);
        assert.equal(locked.headers['retry-after'], String(15 * 60));
        now = new Date(start.getTime() + 5 * 60_000);
        assert.equal((await signIn(mia.user.username)).headers['retry-after'], String(10 * 60), 'still locked, 10 minutes to go');
        now = new Date(start.getTime() + 15 * 60_000);
        assert.equal((await signIn(mia.user.username)).status, 200, 'the window ended');
      } finally {
        now = start;
      }
    });

    it('a success forgives the account’s failures', async () => {
      const ned = await t.user();
      for (let i = 0; i < 9; i++) assert.equal((await signIn(ned.user.username, 'wrong')).status, 401);
      assert.equal((await signIn(ned.user.username)).status, 200);
      for (let i = 0; i < 10; i++) assert.equal((await signIn(ned.user.username, 'wrong')).status, 401, `failure ${i + 1} after the success`);
      assert.equal((await signIn(ned.user.username)).status, 429);
    });

    it('an unknown login locks just as a known one does, so the lock tells nothing', async () => {
      const login = uniqueName('ghost');
      for (let i = 0; i < 10; i++) assert.equal((await signIn(login, 'guess')).status, 401);
      assert.equal((await signIn(login, 'guess')).status, 429);
    });

    it('after 30 failures from one address, that address may not sign in to any account; other addresses may', async () => {
      const from = freshAddress();
      for (let i = 0; i < 30; i++) assert.equal((await signIn(uniqueName('spray'), 'guess', { from })).status, 401, `failure ${i + 1}`);
      const olga = await t.user();
      const refused = await signIn(olga.user.username, PASSWORD, { from });
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers['retry-after']) > 0, 'Retry-After is set');
      assert.equal((await signIn(olga.user.username, PASSWORD, { from: freshAddress() })).status, 200);
    });

    it('keeps its counters in the database (shared by every node) and prunes ended windows', async () => {
      const start = now;
      try {
        await signIn(uniqueName('old'), 'guess');
        now = new Date(start.getTime() + 16 * 60_000);
        await signIn(uniqueName('new'), 'guess');
        const rows = await t.ctx.db.db.selectFrom('sign_in_throttles').select('window_started_at').execute();
        assert.ok(rows.length > 0, 'counters are rows');
        assert.ok(
          rows.every((r) => r.window_started_at > start.toISOString()),
          'windows that ended were deleted',
        );
      } finally {
        now = start;
      }
    });
  });

  describe('wrong credentials throttle', () => {
    it('after 100 wrong tokens or cookies a minute from one address, wrong ones get 429; a valid token and missing credentials do not', async () => {
      const pat = await t.user();
      const from = freshAddress();
      for (let i = 0; i < 150; i++) assert.equal((await send('GET', '/api/v1/user', { from })).status, 401, 'no credentials: not counted');
      for (let i = 0; i < 50; i++) assert.equal((await send('GET', '/api/v1/user', { from, bearer: `pdt_wrong${i}` })).status, 401, `wrong token ${i + 1}`);
      for (let i = 0; i < 50; i++) assert.equal((await send('GET', '/api/v1/user', { from, session: `wrong${i}` })).status, 401, `wrong cookie ${i + 1}`);
      const flooded = await send('GET', '/api/v1/user', { from, bearer: 'pdt_wrong-again' });
      assert.equal(flooded.status, 429);
      assert.equal(flooded.body.error, 'rate_limited');
      assert.ok(Number(flooded.headers['retry-after']) > 0, 'Retry-After is set');
      assert.equal((await send('GET', '/api/v1/user', { from, session: 'wrong-cookie' })).status, 429);
      assert.equal((await send('GET', '/api/v1/user', { from, bearer: pat.token })).status, 200, 'a valid token is never throttled');
      assert.equal((await send('GET', '/api/v1/user', { from: freshAddress(), bearer: 'pdt_wrong' })).status, 401, 'another address is not');
    });
  });
});

describe('sessions behind an https PUBLIC_URL', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ env: { PUBLIC_URL: 'https://desk.example.test' } });
  });
  after(() => t.close());

  it('the cookie is Secure', async () => {
    const quinn = await t.user();
    const response = await t.http.inject({ method: 'POST', url: '/api/v1/session', payload: { login: quinn.user.username, password: PASSWORD } });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['set-cookie']), /;\s*Secure/i);
  });
});
