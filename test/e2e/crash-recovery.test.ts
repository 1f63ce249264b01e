// Proof that nothing is lost: 200 mails (1,000 on PostgreSQL, whose commits go through a connection pool
// that a kill cuts mid-transaction) over SMTP from a client that retries as an MTA does (on 4xx and on a
// dropped connection), while the server is killed with SIGKILL twice at random moments and restarted.
// Every mail that got a 250 must be exactly one ticket, thanked exactly once.
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import nodemailer from 'nodemailer';
import { createTestDatabase, type TestDatabase, usingPostgres } from '../helpers/database.ts';
import { freePort, runPostdesk, type Running } from '../helpers/process.ts';

const MAILS = usingPostgres() ? 1000 : 200;
const SENDERS = 4;
const ROOT_TOKEN = 'crash-test-root-token-0123456789';

describe(`crash recovery: kill -9 twice while ${MAILS} mails arrive`, () => {
  let database: TestDatabase;
  let env: Record<string, string>;
  let server: Running;
  let baseUrl = '';
  let smtpPort: number;

  const start = async () => {
    server = runPostdesk(['serve'], env);
    const [, port] = await server.waitFor(/listening on 127\.0\.0\.1:(\d+)/, 60_000);
    baseUrl = `http://127.0.0.1:${port}`;
  };
  const api = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      ...init,
      headers: { authorization: `Bearer ${ROOT_TOKEN}`, 'content-type': 'application/json', ...init.headers },
    }).catch((error: Error) => {
      // A server that is gone says why in its output (one CI run found it gone after the burst).
      throw new Error(
        `${path}: ${error.message}; the server (exit code ${server.child.exitCode}, signal ${server.child.signalCode}) said:\n${server.output().slice(-4000)}`,
      );
    });
    return { status: response.status, body: (await response.json()) as any, headers: response.headers };
  };

  before(async () => {
    database = await createTestDatabase({ migrate: false });
    smtpPort = await freePort();
    env = {
      DATA_DIR: database.dataDir,
      PORT: '0',
      SMTP_LISTEN_PORT: String(smtpPort),
      POSTDESK_ROOT_TOKEN: ROOT_TOKEN,
      INCOMING_EMAIL_ADDRESS: 'support+%{key}@desk.test',
      LOG_LEVEL: 'error',
      ...(database.config.dialect === 'postgres' && { DATABASE_URL: database.config.url }),
    };
    await start();
  });

  after(async () => {
    server.child.kill('SIGKILL');
    await server.exited;
    await database.drop();
  });

  it('makes exactly one ticket and one thank-you per acknowledged mail', async () => {
    const project = await api('/projects', { method: 'POST', body: JSON.stringify({ name: 'Crash', path: 'crash' }) });
    assert.equal(project.status, 201);
    const address = (await api(`/projects/${project.body.id}/service_desk`)).body.incoming_address as string;

    // One kill in each half of the burst, never at its very start or end.
    const share = (fraction: number) => Math.round(MAILS * fraction);
    const killAt = new Set([randomInt(share(0.1), share(0.45)), randomInt(share(0.55), share(0.9))]);
    let acknowledged = 0;
    let restarting: Promise<void> | null = null;
    const started = Date.now();

    // One mail, retried as an MTA retries: a 4xx or a lost connection means "try again later". The same bytes
    // each time, as from an MTA's queue (its Date too: nodemailer would stamp each attempt anew, and a copy
    // with another Date is another mail, not a duplicate).
    const deliver = async (n: number) => {
      const date = new Date();
      for (let attempt = 1; ; attempt++) {
        await restarting;
        const transport = nodemailer.createTransport({
          host: '127.0.0.1',
          port: smtpPort,
          secure: false,
          ignoreTLS: true,
          connectionTimeout: 2000,
          socketTimeout: 5000,
        });
        try {
          const info = await transport.sendMail({
            from: `customer${n}@example.test`,
            to: address,
            subject: `mail ${n}`,
            text: `body of mail ${n}`,
            messageId: `<crash-${n}@example.test>`,
            date,
          });
          assert.match(info.response, /^250 /);
          return;
        } catch (error) {
          const code = (error as { responseCode?: number }).responseCode;
          if (code !== undefined && code >= 500) throw error;
          assert.ok(attempt < 200, `mail ${n} could not be delivered: ${(error as Error).message}`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        } finally {
          transport.close();
        }
      }
    };

    const queue = Array.from({ length: MAILS }, (_, i) => i + 1);
    await Promise.all(
      Array.from({ length: SENDERS }, async () => {
        for (let n = queue.shift(); n !== undefined; n = queue.shift()) {
          await deliver(n);
          acknowledged++;
          if (killAt.has(acknowledged)) {
            killAt.delete(acknowledged);
            // SIGKILL: no shutdown handler runs, whatever was in flight is cut off.
            restarting = (async () => {
              server.child.kill('SIGKILL');
              await server.exited;
              await start();
            })();
            await restarting;
            restarting = null;
          }
        }
      }),
    );
    assert.equal(acknowledged, MAILS);

    // Let it finish: jobs leased by a killed process come back when their lease expires.
    const deadline = Date.now() + 120_000;
    for (;;) {
      const health = await api('/health');
      const pending = await api('/inbound_messages?state=received&per_page=1');
      if (health.body.queue.depth === 0 && pending.body.length === 0) break;
      assert.ok(Date.now() < deadline, `processing did not finish: ${JSON.stringify(health.body)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const seconds = (Date.now() - started) / 1000;

    const titles: string[] = [];
    for (let cursor: string | null = ''; cursor !== null; ) {
      const page = await api(`/projects/${project.body.id}/tickets?state=all&per_page=100${cursor ? `&cursor=${cursor}` : ''}`);
      titles.push(...page.body.map((t: { title: string }) => t.title));
      cursor = page.headers.get('x-next-cursor');
    }
    assert.equal(titles.length, MAILS, 'one ticket per mail');
    assert.equal(new Set(titles).size, MAILS, 'no mail made two tickets');

    const thanked = new Map<string, number>();
    for (let cursor: string | null = ''; cursor !== null; ) {
      const page = await api(`/outbound_messages?project_id=${project.body.id}&per_page=100${cursor ? `&cursor=${cursor}` : ''}`);
      for (const m of page.body as { kind: string; to: string }[]) if (m.kind === 'thank_you') thanked.set(m.to, (thanked.get(m.to) ?? 0) + 1);
      cursor = page.headers.get('x-next-cursor');
    }
    assert.equal(thanked.size, MAILS, 'every customer was thanked');
    assert.ok(
      [...thanked.values()].every((count) => count === 1),
      'nobody was thanked twice',
    );

    const failed = await api('/inbound_messages?state=failed');
    assert.deepEqual(failed.body, []);
    // A mail stored just before a kill, whose 250 never reached the client, arrives twice: the copy is a recorded duplicate.
    const ignored = await api('/inbound_messages?state=ignored&per_page=100');
    assert.ok(
      ignored.body.every((m: { reason: string }) => m.reason.startsWith('duplicate')),
      JSON.stringify(ignored.body),
    );
    console.log(
      `# crash recovery (${database.config.dialect}): ${MAILS} mails, 2 kills, ${ignored.body.length} re-sent copies recognised, all processed in ${seconds.toFixed(1)} s`,
    );
  });
});
