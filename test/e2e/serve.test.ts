// `npm start` as a user runs it: one process with HTTP, the SMTP listener and the worker, on a fresh
// data directory, printing where it listens and how to sign in.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import nodemailer from 'nodemailer';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { freePort, runPostdesk, type Running } from '../helpers/process.ts';

describe('postdesk serve', () => {
  let database: TestDatabase;
  let server: Running;
  let baseUrl: string;
  let smtpPort: number;
  let rootPassword: string;

  before(async () => {
    database = await createTestDatabase({ migrate: false });
    smtpPort = await freePort();
    server = runPostdesk(['serve'], {
      DATA_DIR: database.dataDir,
      PORT: '0',
      PUBLIC_URL: 'http://desk.example.test',
      SMTP_LISTEN_PORT: String(smtpPort),
      LOG_LEVEL: 'warn',
      ...(database.config.dialect === 'postgres' && { DATABASE_URL: database.config.url }),
    });
    const [, port] = await server.waitFor(/listening on 127\.0\.0\.1:(\d+)/);
    baseUrl = `http://127.0.0.1:${port}`;
    rootPassword = (await server.waitFor(/Sign in at http:\/\/desk\.example\.test\/login as root with password (\S+)/))[1]!;
  });

  after(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
    await database.drop();
  });

  it('prints where it listens, that mail is kept, and the generated root password once', () => {
    assert.match(server.output(), new RegExp(`Inbound SMTP:\\s+127\\.0\\.0\\.1:${smtpPort}`));
    assert.match(server.output(), /Outgoing mail: KEPT/);
    assert.ok(rootPassword.length >= 20, 'rootPassword.length >= 20');
  });

  it('signs in with the printed password: the session cookie works and its writes need the CSRF token', async () => {
    const signIn = await fetch(`${baseUrl}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'root', password: rootPassword }),
    });
    assert.equal(signIn.status, 200);
    const { csrf_token: csrf } = (await signIn.json()) as { csrf_token: string };
    const cookie = signIn.headers
      .getSetCookie()
      .find((c) => c.startsWith('postdesk_session='))!
      .split(';')[0]!;
    const me = await fetch(`${baseUrl}/api/v1/user`, { headers: { cookie } });
    assert.equal(((await me.json()) as { username: string }).username, 'root');
    const project = JSON.stringify({ name: 'Signed in', path: 'signed-in' });
    const forged = await fetch(`${baseUrl}/api/v1/projects`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: project });
    assert.equal(forged.status, 403);
    const made = await fetch(`${baseUrl}/api/v1/projects`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: project,
    });
    assert.equal(made.status, 201);
  });

  it('answers /health with the database and the queue', async () => {
    const response = await fetch(`${baseUrl}/api/v1/health`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), {
      status: 'ok',
      db: 'ok',
      queue: { depth: 0, oldest_age_s: 0, dead: 0 },
      inbound: { stuck: 0, oldest_stuck_age_s: 0 },
    });
  });

  it('creates a token from the CLI against the same database, and the API accepts it', async () => {
    const cli = runPostdesk(['tokens', 'create', '--user', 'root', '--name', 'e2e'], {
      DATA_DIR: database.dataDir,
      LOG_LEVEL: 'warn',
      ...(database.config.dialect === 'postgres' && { DATABASE_URL: database.config.url }),
    });
    assert.equal(await cli.exited, 0, cli.output());
    const { token } = JSON.parse(cli.output()) as { token: string };
    const me = await fetch(`${baseUrl}/api/v1/user`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(me.status, 200);
    assert.equal(((await me.json()) as { username: string }).username, 'root');
  });

  it('takes a message from an MTA pipe with `postdesk ingest`, and the running server makes it a ticket', async () => {
    const dbEnv: Record<string, string> = {
      DATA_DIR: database.dataDir,
      LOG_LEVEL: 'warn',
      ...(database.config.dialect === 'postgres' && { DATABASE_URL: database.config.url }),
    };
    const created = runPostdesk(['tokens', 'create', '--user', 'root', '--name', 'pipe'], dbEnv);
    assert.equal(await created.exited, 0, created.output());
    const { token } = JSON.parse(created.output()) as { token: string };
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${baseUrl}/api/v1${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
    const project = (await (await api('/projects', { method: 'POST', body: JSON.stringify({ name: 'Piped', path: 'piped' }) })).json()) as { id: number };
    const mail = `From: piper@example.test\r\nTo: support+piped-${project.id}-issue-@localhost\r\nSubject: Through the pipe\r\nMessage-ID: <pipe@example.test>\r\n\r\nHello from an MTA.\r\n`;
    const ingest = runPostdesk(['ingest'], dbEnv, mail);
    assert.equal(await ingest.exited, 0, ingest.output());
    assert.match(ingest.output(), /Stored as inbound message \d+/);
    const empty = runPostdesk(['ingest'], dbEnv, '');
    assert.equal(await empty.exited, 65, 'an empty message is refused for the MTA to bounce');
    let tickets: { title: string; external_author: string }[] = [];
    for (let i = 0; i < 100 && tickets.length === 0; i++) {
      tickets = (await (await api(`/projects/${project.id}/tickets`)).json()) as typeof tickets;
      if (tickets.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.deepEqual(
      tickets.map((t) => [t.title, t.external_author]),
      [['Through the pipe', 'piper@example.test']],
    );
  });

  it('refuses mail for addresses that match no template with 550 at RCPT', async () => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
    await assert.rejects(
      transport.sendMail({ from: 'customer@example.test', to: 'someone@elsewhere.test', subject: 'hi', text: 'hello' }),
      (error: { responseCode?: number }) => error.responseCode === 550,
    );
    transport.close();
  });
});

describe('postdesk with a bad configuration', () => {
  it('stops at start-up with one message naming the variable', async () => {
    const run = runPostdesk(['serve'], { PORT: 'eighty', DATA_DIR: '/nonexistent-postdesk' });
    assert.equal(await run.exited, 1);
    assert.match(run.output(), /PORT: must be a whole number/);
    assert.doesNotMatch(run.output(), /at .*\.ts:\d+/); // a message, not a stack trace
  });

  it('prints the commands with --help', async () => {
    const run = runPostdesk(['--help'], {});
    assert.equal(await run.exited, 0);
    assert.match(run.output(), /serve\s+HTTP API, inbound SMTP listener and job worker/);
  });
});
