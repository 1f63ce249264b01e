// Mail that others trust: with DKIM_* set, every mail the desk sends reaches the far side (a real SMTP sink)
// with a signature that mailauth verifies against the published key; a key that cannot sign stops start-up;
// a From domain that does not match DKIM_DOMAIN is a start-up warning.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { dkimVerify } from 'mailauth';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { dkimKeyPair, fixedDns } from '../helpers/dns.ts';
import { DESK_DOMAIN, startMailDesk, type MailDesk } from '../helpers/mail-desk.ts';
import { runPostdesk } from '../helpers/process.ts';
import type { TestUser } from '../helpers/test-app.ts';

const key = dkimKeyPair();
const keyFile = join(mkdtempSync(join(tmpdir(), 'postdesk-dkim-')), 'dkim.pem');
writeFileSync(keyFile, key.privatePem);
/** What the receiving side looks up: our public key under <selector>._domainkey.<domain>. */
const receiverDns = fixedDns({ txt: { [`pd2026._domainkey.${DESK_DOMAIN}`]: [key.record] } });

/** The sink keeps the bytes as they arrived; mailauth reads them as they are (latin1 keeps every byte). */
async function signatureOf(raw: Buffer) {
  const { results } = await dkimVerify(Buffer.from(raw.toString('latin1'), 'latin1'), { resolver: receiverDns });
  assert.equal(results.length, 1, 'one DKIM signature');
  const [result] = results;
  return { result: result!.status.result, d: result!.signingDomain, s: result!.selector };
}

describe('DKIM-signed outgoing mail', () => {
  let desk: MailDesk;
  let agent: TestUser;
  let projectId: number;
  let address: string;

  before(async () => {
    desk = await startMailDesk({
      env: { DKIM_DOMAIN: DESK_DOMAIN, DKIM_SELECTOR: 'pd2026', DKIM_PRIVATE_KEY: keyFile, OUTGOING_FROM: `Desk <support@${DESK_DOMAIN}>` },
    });
    agent = await desk.user();
    const project = await desk.project(agent, { path: 'signed' });
    projectId = project.id;
    address = (await desk.request(agent.token, 'GET', `/api/v1/projects/${projectId}/service_desk`)).body.incoming_address;
  });
  after(() => desk.close());

  it('signs the thank-you, a public comment and a team notification with d=DKIM_DOMAIN; s=DKIM_SELECTOR', async () => {
    await desk.send({ from: 'carol@example.com', to: address, subject: 'Printer', text: 'It is on fire.' });
    await desk.settle();
    const [thanks] = await desk.sink.waitFor(1);
    assert.deepEqual(await signatureOf(thanks!.raw), { result: 'pass', d: DESK_DOMAIN, s: 'pd2026' });

    await desk.request(agent.token, 'POST', `/api/v1/projects/${projectId}/tickets/1/notes`, { body: 'We are on our way, **with** an extinguisher.' });
    const colleague = await desk.member({ id: projectId }, { level: 30 });
    await desk.request(agent.token, 'PUT', `/api/v1/projects/${projectId}/tickets/1`, { assignee_ids: [colleague.user.id] });
    await desk.settle();
    const mails = await desk.sink.waitFor(3);
    const comment = mails.find((m) => m.envelopeTo[0] === 'carol@example.com' && m !== thanks)!;
    const notification = mails.find((m) => m.envelopeTo[0] === colleague.user.email)!;
    assert.ok(comment && notification, `a comment to the customer and a notification to the assignee: ${mails.map((m) => m.envelopeTo[0])}`);
    assert.deepEqual(await signatureOf(comment.raw), { result: 'pass', d: DESK_DOMAIN, s: 'pd2026' });
    assert.deepEqual(await signatureOf(notification.raw), { result: 'pass', d: DESK_DOMAIN, s: 'pd2026' });
  });

  it('signs once: the stored message is the signed one, and a retry sends those same bytes', async () => {
    desk.sink.behaviour.next = 451;
    const before = desk.sink.mails.length;
    await desk.send({ from: 'dave@example.com', to: address, subject: 'Retry me', text: 'Please.' });
    await desk.settle();
    const outbox = await desk.request(agent.token, 'GET', `/api/v1/outbound_messages?project_id=${projectId}&to=dave@example.com`);
    const [row] = outbox.body;
    assert.equal(row.state, 'queued', 'a 451 leaves it queued for a retry');
    // As stored (the API shows it composed again with its reply keys masked).
    const { raw: stored } = await desk.ctx.db.db.selectFrom('outbound_messages').select('raw').where('id', '=', row.id).executeTakeFirstOrThrow();
    assert.ok(stored, 'the signed message is stored before it is handed to the relay');
    assert.ok(stored.startsWith(`DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=${DESK_DOMAIN}; s=pd2026;`), stored.slice(0, 100));
    desk.sink.behaviour.next = 'ok';
    await desk.ctx.db.db
      .updateTable('jobs')
      .set({ run_at: new Date(0).toISOString() })
      .where('state', '=', 'queued')
      .execute();
    desk.worker.wake();
    const [retried] = (await desk.sink.waitFor(before + 1)).slice(before);
    assert.equal(retried!.raw.toString('utf8').replace(/\r\n/g, '\n'), stored.replace(/\r\n/g, '\n'), 'the same signed bytes');
    assert.equal((await signatureOf(retried!.raw)).result, 'pass');
  });
});

describe('DKIM settings at start-up', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase({ migrate: false });
  });
  after(() => database.drop());

  const env = (extra: Record<string, string>) => ({
    DATA_DIR: database.dataDir,
    LOG_LEVEL: 'warn',
    SMTP_LISTEN_PORT: '0',
    ...(database.config.dialect === 'postgres' && { DATABASE_URL: database.config.url }),
    ...extra,
  });

  it('refuses to start with a key that cannot sign, saying which variable and why', async () => {
    const broken = key.privatePem.replace(/\n[A-Za-z0-9+/]{20}/, '\n!!!!');
    const run = runPostdesk(['worker'], env({ DKIM_DOMAIN: 'example.com', DKIM_SELECTOR: 'pd', DKIM_PRIVATE_KEY: broken }));
    assert.equal(await run.exited, 1);
    assert.match(run.output(), /DKIM_PRIVATE_KEY: not a usable PEM private key/);
    assert.ok(!run.output().includes(key.privatePem.split('\n')[2]!), 'the key is not printed');
    const missing = runPostdesk(['worker'], env({ DKIM_DOMAIN: 'example.com', DKIM_SELECTOR: 'pd', DKIM_PRIVATE_KEY: '/nonexistent/dkim.pem' }));
    assert.equal(await missing.exited, 1);
    assert.match(missing.output(), /DKIM_PRIVATE_KEY: neither PEM text nor a readable file/);
  });

  it('starts, with a warning, when the From domain is not DKIM_DOMAIN', async () => {
    const run = runPostdesk(
      ['worker'],
      env({ DKIM_DOMAIN: 'example.com', DKIM_SELECTOR: 'pd', DKIM_PRIVATE_KEY: keyFile, OUTGOING_FROM: 'Desk <help@other.test>', LOG_LEVEL: 'info' }),
    );
    try {
      await run.waitFor(/DKIM_DOMAIN example\.com does not match the From domain other\.test/);
      await run.waitFor(/worker started/);
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
    }
  });
});
