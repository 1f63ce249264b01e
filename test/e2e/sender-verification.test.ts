// Who sent it, end to end: mail in over real SMTP on loopback (and the HTTP endpoint and the CLI), verified
// in the ingest job with mailauth against fixed DNS records, the verdict shown on the mail log, the ticket
// and its notes — and a forger's reply refused its thread. Only the DNS resolver is not real.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { dkimKeyPair, fixedDns } from '../helpers/dns.ts';
import { startMailDesk, type MailDesk } from '../helpers/mail-desk.ts';
import { runPostdesk } from '../helpers/process.ts';
import type { TestUser } from '../helpers/test-app.ts';

const customerKey = dkimKeyPair();
const ZONE = {
  txt: {
    's1._domainkey.example.com': [customerKey.record],
    // example.com sends only from 192.0.2.0/24 and asks receivers to reject the rest.
    'example.com': ['v=spf1 ip4:192.0.2.0/24 -all'],
    '_dmarc.example.com': ['v=DMARC1; p=reject'],
    // loopback.example.org's mail server is this machine (for SPF over real SMTP on 127.0.0.1).
    'loopback.example.org': ['v=spf1 ip4:127.0.0.0/8 -all'],
    '_dmarc.loopback.example.org': ['v=DMARC1; p=quarantine'],
  },
};
const RELAY_ID = 'mx.desk.test';
const WEBHOOK_SECRET = 'a-webhook-secret-of-some-length';

/** A mail as Carol's own provider sends it: DKIM-signed by example.com (nodemailer's signer, not ours). */
async function signedByExample(mail: Mail.Options): Promise<Buffer> {
  const transport = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    dkim: { domainName: 'example.com', keySelector: 's1', privateKey: customerKey.privatePem },
  });
  return (await transport.sendMail(mail)).message as Buffer;
}

async function unsigned(mail: Mail.Options): Promise<Buffer> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
  return (await transport.sendMail(mail)).message as Buffer;
}

const withHeader = (raw: Buffer, header: string) => Buffer.concat([Buffer.from(`${header}\r\n`, 'latin1'), raw]);

describe('sender verification: a desk behind a relay on loopback (the default TRUSTED_RELAY_NETWORKS)', () => {
  let desk: MailDesk;
  let owner: TestUser;
  let projectId: number;
  let address: string;

  before(async () => {
    desk = await startMailDesk({ env: { TRUSTED_AUTHSERV_ID: RELAY_ID, INBOUND_WEBHOOK_SECRET: WEBHOOK_SECRET }, dns: fixedDns(ZONE) });
    owner = await desk.user();
    const project = await desk.project(owner, { path: 'verified' });
    projectId = project.id;
    const settings = await desk.request(owner.token, 'PUT', `/api/v1/projects/${projectId}/service_desk`, {
      add_external_participants_from_cc: true,
      tickets_confidential_by_default: false, // so a guest sees them, masked
    });
    address = settings.body.incoming_address;
  });
  after(() => desk.close());

  const latestInbound = async () => (await desk.request(owner.token, 'GET', '/api/v1/inbound_messages?per_page=1')).body[0];
  const deliver = async (raw: Buffer, from = 'carol@example.com', to = address) => {
    await desk.sendRaw(raw, { from, to: [to] });
    await desk.settle();
    return latestInbound();
  };
  const ticket = async (iid: number, token = owner.token) => (await desk.request(token, 'GET', `/api/v1/projects/${projectId}/tickets/${iid}`)).body;
  const notes = async (iid: number, token = owner.token) =>
    (await desk.request(token, 'GET', `/api/v1/projects/${projectId}/tickets/${iid}/notes?per_page=100`)).body;
  const thanksTo = (email: string) => desk.sink.mails.filter((m) => m.envelopeTo[0] === email);

  it("verifies a customer's DKIM-signed mail itself (the relay stamped nothing): DKIM and DMARC pass, SPF none", async () => {
    const message = await deliver(
      await signedByExample({
        from: 'Carol <carol@example.com>',
        to: address,
        subject: 'Printer on fire',
        text: 'Please help.',
        messageId: '<fire@example.com>',
      }),
    );
    const expected = { dkim: 'pass', spf: 'none', dmarc: 'pass', source: 'postdesk', domain: 'example.com', dmarc_policy: 'reject' };
    assert.equal(message.state, 'processed');
    assert.deepEqual(message.authentication, expected);
    assert.deepEqual((await ticket(message.ticket_iid)).authentication, expected);
    await desk.sink.waitFor(1);
    assert.equal(thanksTo('carol@example.com').length, 1, 'a genuine customer is thanked');
  });

  it('refuses a forged From replying by References: a new ticket, no thank-you, the original ticket untouched', async () => {
    const original = await deliver(
      await signedByExample({ from: 'carol@example.com', to: address, subject: 'Invoice', text: 'Where is my invoice?', messageId: '<invoice@example.com>' }),
    );
    const thanks = thanksTo('carol@example.com').at(-1)!;
    const replyRef = (thanks.parsed.references as string[]).find((r) => r.startsWith('<reply-'))!;
    const sentBefore = desk.sink.mails.length;
    // The attacker learnt the thread's ids (a Cc'd colleague, a forwarded mail) and writes as Carol.
    const forged = await deliver(
      await unsigned({
        from: 'Carol <carol@example.com>',
        to: address,
        cc: 'mallory@attacker.test',
        subject: 'Re: Invoice',
        text: 'Please send the invoice to our new bank account instead.',
        references: `<invoice@example.com> ${replyRef}`,
      }),
      'carol@example.com',
    );
    assert.equal(forged.state, 'processed');
    assert.equal(forged.matched_by, 'project_key');
    assert.notEqual(forged.ticket_iid, original.ticket_iid);
    assert.match(forged.reason, /^unauthenticated_reply: From example\.com fails DMARC \(p=reject\); References alone does not add it to a ticket/);
    assert.deepEqual(forged.authentication, { dkim: 'none', spf: 'none', dmarc: 'fail', source: 'postdesk', domain: 'example.com', dmarc_policy: 'reject' });
    assert.deepEqual(
      (await notes(original.ticket_iid)).map((n: { body: string }) => n.body),
      [],
      'nothing was added to the real ticket',
    );
    const made = await ticket(forged.ticket_iid);
    assert.equal(made.authentication.dmarc, 'fail');
    assert.deepEqual(
      made.participants.map((p: { email: string }) => p.email),
      ['carol@example.com'],
      "the forger's Cc is not added",
    );
    const outbox = await desk.request(owner.token, 'GET', `/api/v1/outbound_messages?project_id=${projectId}&per_page=100`);
    assert.equal(outbox.body.filter((m: { ticket_iid: number }) => m.ticket_iid === forged.ticket_iid).length, 0, 'no mail at all for the forged ticket');
    assert.equal(desk.sink.mails.length, sentBefore, 'nothing was sent: neither a thank-you to Carol nor a greeting to the Cc');
  });

  it('refuses a forged reply-all by In-Reply-To (SD-55) the same way', async () => {
    const original = await deliver(
      await signedByExample({ from: 'carol@example.com', to: address, subject: 'Contract', text: 'Draft attached.', messageId: '<contract@example.com>' }),
    );
    const forged = await deliver(
      await unsigned({ from: 'carol@example.com', to: address, subject: 'Re: Contract', text: 'Ignore the draft.', inReplyTo: '<contract@example.com>' }),
    );
    assert.notEqual(forged.ticket_iid, original.ticket_iid);
    assert.match(forged.reason, /In-Reply-To alone does not add it to a ticket/);
  });

  it('still threads the genuine reply by References, and the note shows its verdict (masked below reporter)', async () => {
    const original = await deliver(
      await signedByExample({ from: 'carol@example.com', to: address, subject: 'Keyboard', text: 'Keys stick.', messageId: '<keys@example.com>' }),
    );
    const replyRef = (thanksTo('carol@example.com').at(-1)!.parsed.references as string[]).find((r) => r.startsWith('<reply-'))!;
    const reply = await deliver(
      await signedByExample({ from: 'carol@example.com', to: address, subject: 'Re: Keyboard', text: 'Still sticking.', references: replyRef }),
    );
    assert.equal(reply.matched_by, 'references');
    assert.equal(reply.ticket_iid, original.ticket_iid);
    const [note] = await notes(original.ticket_iid);
    assert.deepEqual(note.authentication, { dkim: 'pass', spf: 'none', dmarc: 'pass', source: 'postdesk', domain: 'example.com', dmarc_policy: 'reject' });
    const guest = await desk.member({ id: projectId }, { level: 10 });
    const [guestNote] = await notes(original.ticket_iid, guest.token);
    assert.equal(guestNote.authentication.domain, 'e*****.c**', 'the domain is masked like the address it comes from (SD-87)');
    assert.equal((await ticket(original.ticket_iid, guest.token)).authentication.domain, 'e*****.c**');
  });

  it('refuses a forged References reply to the bare mailbox (HTTP endpoint): ignored, kept with the ticket it aimed at', async () => {
    const original = await deliver(
      await signedByExample({ from: 'carol@example.com', to: address, subject: 'Monitor', text: 'Flickers.', messageId: '<monitor@example.com>' }),
    );
    const replyRef = (thanksTo('carol@example.com').at(-1)!.parsed.references as string[]).find((r) => r.startsWith('<reply-'))!;
    const raw = await unsigned({ from: 'carol@example.com', to: 'support@desk.test', subject: 'Re: Monitor', text: 'Fixed, close it.', references: replyRef });
    const response = await desk.http.inject({
      method: 'POST',
      url: '/api/v1/inbound/mime',
      headers: { authorization: `Bearer ${WEBHOOK_SECRET}`, 'content-type': 'message/rfc822' },
      payload: raw,
    });
    assert.equal(response.statusCode, 201);
    await desk.settle();
    const message = await latestInbound();
    assert.equal(message.channel, 'http');
    assert.equal(message.state, 'ignored');
    assert.match(message.reason, /^unauthenticated_reply: /);
    assert.equal(message.project_id, projectId, 'in the project’s mail log');
    assert.equal(message.ticket_iid, original.ticket_iid);
    assert.deepEqual(await notes(original.ticket_iid), []);
  });

  it("believes the relay's Authentication-Results (topmost of TRUSTED_AUTHSERV_ID) and ignores every other one", async () => {
    // Each a mail of its own: the same Message-ID twice would be recorded as a duplicate.
    const raw = () => unsigned({ from: 'carol@example.com', to: address, subject: 'Stamped', text: 'Via the relay.' });
    const stamped = withHeader(
      withHeader(await raw(), `Authentication-Results: ${RELAY_ID}; dkim=none; spf=pass smtp.mailfrom=carol@example.com; dmarc=pass header.from=example.com`),
      'Authentication-Results: evil.example; dkim=pass; spf=pass; dmarc=pass',
    );
    const message = await deliver(stamped);
    assert.deepEqual(message.authentication, { dkim: 'none', spf: 'pass', dmarc: 'pass', source: 'trusted_relay', domain: 'example.com', dmarc_policy: null });

    // A forger who writes our relay's id into the mail is below the relay's own header, which is read first.
    const forgedBelow = withHeader(
      withHeader(await raw(), `Authentication-Results: ${RELAY_ID}; dkim=pass; spf=pass; dmarc=pass`),
      `Authentication-Results: ${RELAY_ID}; dkim=none; spf=fail smtp.mailfrom=carol@example.com; dmarc=fail (p=REJECT) header.from=example.com`,
    );
    const refused = await deliver(forgedBelow);
    assert.deepEqual([refused.authentication.source, refused.authentication.dmarc, refused.authentication.dmarc_policy], ['trusted_relay', 'fail', 'reject']);
    assert.equal(
      thanksTo('carol@example.com').filter((m) => m.parsed.inReplyTo === refused.message_id).length,
      0,
      'no thank-you to a sender the relay calls forged',
    );
  });

  it('verifies mail handed to `postdesk ingest` (the CLI) with DKIM only, or believes the relay that piped it', async () => {
    const env = {
      DATA_DIR: desk.database.dataDir,
      LOG_LEVEL: 'warn',
      TRUSTED_AUTHSERV_ID: RELAY_ID,
      INCOMING_EMAIL_ADDRESS: `support+%{key}@desk.test`,
      ...(desk.database.config.dialect === 'postgres' && { DATABASE_URL: desk.database.config.url }),
    };
    const signed = () => signedByExample({ from: 'carol@example.com', to: address, subject: 'Piped', text: 'Through a pipe.' });
    const cli = runPostdesk(['ingest'], env, await signed());
    assert.equal(await cli.exited, 0, cli.output());
    const processed = async () => {
      for (;;) {
        desk.worker.wake();
        await desk.settle();
        const message = await latestInbound();
        if (message.state !== 'received') return message;
      }
    };
    const viaPipe = await processed();
    assert.equal(viaPipe.channel, 'cli');
    assert.deepEqual([viaPipe.authentication.source, viaPipe.authentication.dkim, viaPipe.authentication.spf], ['postdesk', 'pass', 'none']);

    const relayed = withHeader(await signed(), `Authentication-Results: ${RELAY_ID}; dkim=pass header.d=example.com; spf=softfail; dmarc=pass`);
    const second = runPostdesk(['ingest'], env, relayed);
    assert.equal(await second.exited, 0, second.output());
    const viaRelay = await processed();
    assert.deepEqual([viaRelay.authentication.source, viaRelay.authentication.spf], ['trusted_relay', 'softfail']);
  });
});

describe('sender verification: mail straight from the sender’s server (loopback not a trusted relay)', () => {
  let desk: MailDesk;
  let owner: TestUser;
  let address: string;

  before(async () => {
    // 127.0.0.1 is not a relay here: it is the customer's own server, so SPF is checked against it.
    desk = await startMailDesk({ env: { TRUSTED_AUTHSERV_ID: RELAY_ID, TRUSTED_RELAY_NETWORKS: '192.0.2.250/32' }, dns: fixedDns(ZONE) });
    owner = await desk.user({ admin: true }); // the mail log of mail that reached no project is for admins
    const project = await desk.project(owner, { path: 'direct' });
    address = (await desk.request(owner.token, 'GET', `/api/v1/projects/${project.id}/service_desk`)).body.incoming_address;
  });
  after(() => desk.close());

  const deliver = async (raw: Buffer, from: string) => {
    await desk.sendRaw(raw, { from, to: [address] });
    await desk.settle();
    return (await desk.request(owner.token, 'GET', '/api/v1/inbound_messages?per_page=1')).body[0];
  };

  it('checks SPF with the connecting address, HELO and MAIL FROM stored at acceptance: an allowed server passes DMARC without DKIM', async () => {
    const message = await deliver(
      await unsigned({ from: 'dave@loopback.example.org', to: address, subject: 'Direct', text: 'Hi' }),
      'bounces@loopback.example.org',
    );
    assert.deepEqual(message.authentication, {
      dkim: 'none',
      spf: 'pass',
      dmarc: 'pass',
      source: 'postdesk',
      domain: 'loopback.example.org',
      dmarc_policy: 'quarantine',
    });
    const row = await desk.ctx.db.db
      .selectFrom('inbound_messages')
      .select(['client_ip', 'client_helo', 'envelope_from'])
      .where('id', '=', message.id)
      .executeTakeFirstOrThrow();
    assert.match(row.client_ip ?? '', /127\.0\.0\.1$/);
    assert.ok(row.client_helo, 'the HELO name was kept');
    assert.equal(row.envelope_from, 'bounces@loopback.example.org');
  });

  it('fails SPF and DMARC for a server example.com does not allow, and ignores a relay header from an untrusted client', async () => {
    const raw = withHeader(
      await unsigned({ from: 'carol@example.com', to: address, subject: 'Spoofed', text: 'Hi' }),
      `Authentication-Results: ${RELAY_ID}; dkim=pass; spf=pass; dmarc=pass`,
    );
    const message = await deliver(raw, 'carol@example.com');
    assert.deepEqual(message.authentication, { dkim: 'none', spf: 'fail', dmarc: 'fail', source: 'postdesk', domain: 'example.com', dmarc_policy: 'reject' });
  });

  it('keeps the verdict a message got when it arrived: a replay does not verify it again', async () => {
    const autoReply = await unsigned({
      from: 'carol@example.com',
      to: address,
      subject: 'Out of office',
      text: 'Away.',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    const message = await deliver(autoReply, 'carol@example.com');
    assert.equal(message.state, 'ignored');
    const stored = JSON.stringify({ ...message.authentication, spf: 'neutral' });
    await desk.ctx.db.db.updateTable('inbound_messages').set({ authentication: stored }).where('id', '=', message.id).execute();
    assert.equal((await desk.request(owner.token, 'POST', `/api/v1/inbound_messages/${message.id}/replay`)).status, 200);
    await desk.settle();
    const replayed = (await desk.request(owner.token, 'GET', `/api/v1/inbound_messages/${message.id}`)).body;
    assert.equal(replayed.state, 'ignored');
    assert.equal(replayed.authentication.spf, 'neutral');
  });
});
