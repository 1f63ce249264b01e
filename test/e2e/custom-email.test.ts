// A project's own address over real SMTP (SD-90…SD-101): the provider of `support@acme.test` is one SMTP
// server on a loopback port (it takes the project's submissions with AUTH and forwards its mailboxes to
// Postdesk's SMTP listener, as a forwarding rule does); the instance relay is the desk's sink.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMailDesk, type MailDesk } from '../helpers/mail-desk.ts';
import { startSmtpProvider, type ProviderMail, type SmtpProvider } from '../helpers/smtp-provider.ts';
import { uniqueName, type TestUser } from '../helpers/test-app.ts';

const DOMAIN = 'acme.test';
const PASSWORD = 'provider-secret-1';

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const tokenOf = (mail: ProviderMail) => /Verification token: ([A-Za-z0-9_-]{12})/.exec(mail.parsed.text ?? '')?.[1];

describe('a custom email address', () => {
  let desk: MailDesk;
  let provider: SmtpProvider;
  let owner: TestUser;
  let offsetMs = 0;

  before(async () => {
    provider = await startSmtpProvider({ domain: DOMAIN, username: 'desk@acme.test', password: PASSWORD });
    desk = await startMailDesk({ env: { CUSTOM_EMAIL_ALLOW_LOOPBACK_SMTP: 'true' }, clock: () => new Date(Date.now() + offsetMs) });
    owner = await desk.user();
  });
  after(async () => {
    await desk.close();
    await provider.close();
  });

  const deskOf = (id: number) => `/api/v1/projects/${id}/service_desk`;
  const settingsOf = async (id: number) => (await desk.request(owner.token, 'GET', deskOf(id))).body;
  const stateOf = (id: number, state: string) =>
    until(`custom_email_state ${state}`, async () => {
      const s = await settingsOf(id);
      return s.custom_email_state === state ? s : undefined;
    });

  /** A project whose custom address `<local>@acme.test` the provider forwards to its incoming address (unless `forward` is false). */
  async function projectWithCustomEmail(options: { password?: string; forward?: boolean } = {}) {
    const project = await desk.project(owner, { path: uniqueName('shop') });
    const customEmail = `${uniqueName('support')}@${DOMAIN}`;
    const { incoming_address } = await settingsOf(project.id);
    if (options.forward !== false) provider.forwarding.set(customEmail, { host: '127.0.0.1', port: desk.smtpPort, to: incoming_address });
    const put = await desk.request(owner.token, 'PUT', deskOf(project.id), {
      outgoing_name: 'Shop Support',
      custom_email: customEmail,
      custom_email_smtp_address: provider.host,
      custom_email_smtp_port: provider.port,
      custom_email_smtp_username: provider.username,
      custom_email_smtp_password: options.password ?? PASSWORD,
    });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.equal(put.body.custom_email_state, 'started');
    return { project, customEmail, incomingAddress: incoming_address as string };
  }

  const verificationMailTo = (customEmail: string) =>
    provider.waitFor((m) => m.envelopeTo.includes(customEmail.replace('@', '+verify@')), `the verification mail to ${customEmail}`);

  const sinkMailTo = (to: string, subject: RegExp) =>
    until(`a mail to ${to} at the instance relay`, async () => desk.sink.mails.find((m) => m.envelopeTo.includes(to) && subject.test(m.parsed.subject ?? '')));

  it('verifies the address through the provider, switches it on, and sends the thank-you From it through the account (SD-93, SD-95, SD-98, SD-99)', async () => {
    const { project, customEmail } = await projectWithCustomEmail();
    const sent = await verificationMailTo(customEmail);
    assert.equal(sent.user, provider.username, 'the verification mail was submitted with the project account');
    assert.equal(sent.parsed.from?.value[0]?.address, customEmail);
    assert.equal(sent.parsed.from?.value[0]?.name, 'Shop Support', 'the outgoing name given in the same PUT');
    assert.equal(sent.parsed.headers.get('auto-submitted'), 'no');
    assert.match(tokenOf(sent) ?? '', /^[A-Za-z0-9]{12}$/);
    const verified = await stateOf(project.id, 'finished');
    assert.equal(verified.custom_email_error, null);
    assert.equal(verified.custom_email_enabled, false, 'verified is not yet on');
    await sinkMailTo(owner.user.email, /verified/);

    const inbound = (await desk.request(owner.token, 'GET', `/api/v1/inbound_messages?project_id=${project.id}`)).body;
    const verification = inbound.find((m: { subject: string }) => /^Verify custom email/.test(m.subject));
    assert.equal(verification.state, 'processed');
    assert.equal(verification.ticket_iid ?? null, null, 'the verification mail made no ticket');
    const tickets = (await desk.request(owner.token, 'GET', `/api/v1/projects/${project.id}/tickets`)).body;
    assert.equal(tickets.length, 0, 'no ticket from the verification mail');

    const on = await desk.request(owner.token, 'PUT', deskOf(project.id), { custom_email_enabled: true });
    assert.equal(on.status, 200);
    assert.equal(on.body.service_desk_address, customEmail, 'the address to hand out (SD-12)');

    // A customer writes to the custom address; the provider forwards it to the project's address.
    const relayBefore = desk.sink.mails.length;
    await provider.deliver(
      `From: Customer <customer@client.test>\r\nTo: ${customEmail}\r\nSubject: My order\r\nMessage-ID: <${uniqueName('order')}@client.test>\r\n\r\nWhere is it?\r\n`,
      { from: 'customer@client.test', to: [customEmail] },
    );
    const thankYou = await provider.waitFor((m) => m.envelopeTo.includes('customer@client.test'), 'the thank-you');
    assert.equal(thankYou.user, provider.username, 'submitted through the project account');
    assert.equal(thankYou.envelopeFrom, customEmail);
    assert.equal(thankYou.parsed.from?.value[0]?.address, customEmail);
    assert.equal(thankYou.parsed.from?.value[0]?.name, 'Shop Support');
    await desk.settle();
    assert.equal(desk.sink.mails.slice(relayBefore).filter((m) => m.envelopeTo.includes('customer@client.test')).length, 0, 'not through the instance relay');
    const [sentRow] = (await desk.request(owner.token, 'GET', `/api/v1/outbound_messages?to=${encodeURIComponent('customer@client.test')}`)).body;
    assert.equal(sentRow.via, 'project_account', 'the mail log says which account it went through');
    assert.equal(sentRow.state, 'sent');
    const [opened] = (await desk.request(owner.token, 'GET', `/api/v1/inbound_messages?project_id=${project.id}&per_page=1`)).body;
    assert.equal(opened.subject, 'My order');
    assert.equal(opened.matched_by, 'custom_email');

    // The customer answers the thank-you; the reply key routes it to the ticket.
    const replyTo = thankYou.parsed.replyTo?.value[0]?.address ?? '';
    await desk.send({ from: 'customer@client.test', to: replyTo, subject: 'Re: My order', text: 'Any news?' });
    await desk.settle();
    const [reply] = (await desk.request(owner.token, 'GET', `/api/v1/inbound_messages?project_id=${project.id}&per_page=1`)).body;
    assert.equal(reply.matched_by, 'reply_key');
  });

  it('retries mail the account refuses to log in for (its password changed at the provider), then fails it visibly on the ticket', async () => {
    const { project, customEmail } = await projectWithCustomEmail();
    await stateOf(project.id, 'finished');
    assert.equal((await desk.request(owner.token, 'PUT', deskOf(project.id), { custom_email_enabled: true })).status, 200);
    provider.password = 'changed-at-the-provider';
    try {
      const customer = `${uniqueName('locked')}@client.test`;
      await provider.deliver(`From: ${customer}\r\nTo: ${customEmail}\r\nSubject: Locked out\r\nMessage-ID: <${uniqueName('m')}@client.test>\r\n\r\nhi\r\n`, {
        from: customer,
        to: [customEmail],
      });
      const outbound = async () =>
        (await desk.request(owner.token, 'GET', `/api/v1/outbound_messages?to=${encodeURIComponent(customer)}`)).body[0] as
          | { state: string; attempts: number; error: string | null; ticket_iid: number }
          | undefined;
      const first = await until('the first refusal', async () => {
        const m = await outbound();
        return m && m.attempts >= 1 && m.state !== 'sending' ? m : undefined;
      });
      assert.equal(first.state, 'queued', 'a refused login is tried again');
      assert.match(first.error ?? '', /535/);
      const failed = await until(
        'the queue to give up',
        async () => {
          const m = await outbound();
          if (m?.state === 'failed') return m;
          // Only while the job waits out its backoff: jumping past a running job's lease would look like a dead worker.
          const waiting = await desk.ctx.db.db.selectFrom('jobs').select('id').where('kind', '=', 'deliver_outbound').where('state', '=', 'queued').execute();
          if (waiting.length > 0) {
            offsetMs += 2 * 3_600_000;
            desk.worker.wake();
          }
          return undefined;
        },
        60_000,
      );
      assert.equal(failed.attempts, 8);
      assert.match(failed.error ?? '', /project SMTP account/);
      const notes = (await desk.request(owner.token, 'GET', `/api/v1/projects/${project.id}/tickets/${failed.ticket_iid}/notes`)).body;
      assert.ok(
        notes.some(
          (n: { system: boolean; internal: boolean; body: string }) => n.system && n.internal && n.body.includes(`could not deliver mail to ${customer}`),
        ),
        'an internal note on the ticket says so',
      );
      assert.equal(provider.submitted().filter((m) => m.envelopeTo.includes(customer)).length, 0);
    } finally {
      provider.password = PASSWORD;
    }
  });

  it('a Cc greeting and a Reply-To other than the writer never go through the project account', async () => {
    const { project, customEmail } = await projectWithCustomEmail();
    await stateOf(project.id, 'finished');
    await desk.request(owner.token, 'PUT', deskOf(project.id), { custom_email_enabled: true, add_external_participants_from_cc: true });
    const victim = `${uniqueName('victim')}@client.test`;
    const cc = `${uniqueName('cc')}@client.test`;
    await provider.deliver(
      `From: stranger@client.test\r\nReply-To: ${victim}\r\nTo: ${customEmail}\r\nCc: ${cc}\r\nSubject: Hi\r\nMessage-ID: <${uniqueName('m')}@client.test>\r\n\r\nhello\r\n`,
      { from: 'stranger@client.test', to: [customEmail] },
    );
    // The thank-you to an unproven Reply-To and the Cc's greeting quote nothing, not even the subject.
    await sinkMailTo(victim, /^Your support request \(#\d+\)$/);
    await sinkMailTo(cc, /^Your support request \(#\d+\)$/);
    await desk.settle();
    assert.equal(provider.submitted().filter((m) => m.envelopeTo.includes(victim) || m.envelopeTo.includes(cc)).length, 0);
    const victimMail = desk.sink.mails.find((m) => m.envelopeTo.includes(victim));
    assert.notEqual(victimMail?.parsed.from?.value[0]?.address, customEmail, 'From the instance address');
  });

  it('fails with incorrect_token when the mail back carries another token, and a stranger cannot finish it', async () => {
    const { project, customEmail, incomingAddress } = await projectWithCustomEmail({ forward: false });
    await verificationMailTo(customEmail);
    await desk.sendRaw(
      `From: ${customEmail}\r\nTo: ${customEmail.replace('@', '+verify@')}\r\nSubject: Verify\r\nAuto-Submitted: no\r\nMessage-ID: <${uniqueName('v')}@acme.test>\r\n\r\nVerification token: AAAAAAAAAAAA\r\n`,
      { from: customEmail, to: [incomingAddress] },
    );
    const failed = await stateOf(project.id, 'failed');
    assert.equal(failed.custom_email_error, 'incorrect_token');
    const enable = await desk.request(owner.token, 'PUT', deskOf(project.id), { custom_email_enabled: true });
    assert.equal(enable.status, 409);
    await sinkMailTo(owner.user.email, /failed/);
  });

  it('fails with incorrect_from when the right token comes From another address', async () => {
    const { project, customEmail, incomingAddress } = await projectWithCustomEmail({ forward: false });
    const token = tokenOf(await verificationMailTo(customEmail));
    await desk.sendRaw(
      `From: someone-else@${DOMAIN}\r\nTo: ${customEmail.replace('@', '+verify@')}\r\nSubject: Verify\r\nMessage-ID: <${uniqueName('v')}@acme.test>\r\n\r\nVerification token: ${token}\r\n`,
      { from: `someone-else@${DOMAIN}`, to: [incomingAddress] },
    );
    const failed = await stateOf(project.id, 'failed');
    assert.equal(failed.custom_email_error, 'incorrect_from');
  });

  it("fails with incorrect_forwarding_target when the right mail is forwarded to another project's address", async () => {
    const { project, customEmail } = await projectWithCustomEmail({ forward: false });
    const token = tokenOf(await verificationMailTo(customEmail));
    const other = await desk.project(owner, { path: uniqueName('other') });
    const { incoming_address: elsewhere } = await settingsOf(other.id);
    await desk.sendRaw(
      `From: ${customEmail}\r\nTo: ${customEmail.replace('@', '+verify@')}\r\nSubject: Verify\r\nMessage-ID: <${uniqueName('v')}@acme.test>\r\n\r\nVerification token: ${token}\r\n`,
      { from: customEmail, to: [elsewhere] },
    );
    const failed = await stateOf(project.id, 'failed');
    assert.equal(failed.custom_email_error, 'incorrect_forwarding_target');
    assert.equal((await desk.request(owner.token, 'GET', `/api/v1/projects/${other.id}/tickets`)).body.length, 0, 'no ticket in the other project');
  });

  it('fails with invalid_credentials when the provider refuses the password (SD-94)', async () => {
    const { project, customEmail } = await projectWithCustomEmail({ password: 'wrong-password' });
    const failed = await stateOf(project.id, 'failed');
    assert.equal(failed.custom_email_error, 'invalid_credentials');
    assert.equal(provider.received.filter((m) => m.envelopeTo.includes(customEmail.replace('@', '+verify@'))).length, 0, 'nothing was sent');
    const outbound = (await desk.request(owner.token, 'GET', `/api/v1/outbound_messages?to=${encodeURIComponent(customEmail.replace('@', '+verify@'))}`)).body;
    assert.equal(outbound[0].state, 'failed');
    assert.equal(outbound[0].attempts, 1, 'a verification mail is not retried');
    assert.equal(outbound[0].via, 'project_account');
    assert.match(outbound[0].error, /535/);
    await sinkMailTo(owner.user.email, /failed/);
  });

  it('fails with mail_not_received_within_timeframe 30 minutes after it started (SD-96)', async () => {
    const { project, customEmail } = await projectWithCustomEmail({ forward: false });
    await verificationMailTo(customEmail);
    offsetMs += 31 * 60_000;
    desk.worker.wake();
    const failed = await stateOf(project.id, 'failed');
    assert.equal(failed.custom_email_error, 'mail_not_received_within_timeframe');
  });

  it('resets: the account and verification go, and a second reset is a 404 (SD-100)', async () => {
    const { project } = await projectWithCustomEmail({ forward: false });
    const shown = await settingsOf(project.id);
    assert.equal(shown.custom_email_smtp_password_set, true);
    assert.equal(JSON.stringify(shown).includes(PASSWORD), false, 'the password is never returned');
    assert.equal((await desk.request(owner.token, 'DELETE', `${deskOf(project.id)}/custom_email`)).status, 204);
    const after = await settingsOf(project.id);
    assert.equal(after.custom_email, null);
    assert.equal(after.custom_email_state, null);
    assert.equal(after.custom_email_smtp_address, null);
    const rows = await desk.ctx.db.db.selectFrom('custom_email_credentials').selectAll().where('project_id', '=', project.id).execute();
    assert.equal(rows.length, 0);
    assert.equal((await desk.request(owner.token, 'DELETE', `${deskOf(project.id)}/custom_email`)).status, 404);
  });
});
