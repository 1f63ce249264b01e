// Replies find their ticket by every road a mail client takes (SD-16, SD-55), and what they carry —
// Cc'd people, attachments, HTML, quick actions — lands as a service desk user expects.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMailDesk, type MailDesk } from '../helpers/mail-desk.ts';
import type { TestUser } from '../helpers/test-app.ts';

describe('mail threading and content', () => {
  let desk: MailDesk;
  let agent: TestUser;
  let projectId: number;
  let address: string;

  before(async () => {
    desk = await startMailDesk();
    agent = await desk.user();
    const project = await desk.project(agent, { path: 'threads' });
    projectId = project.id;
    const settings = await desk.request(agent.token, 'PUT', `/api/v1/projects/${projectId}/service_desk`, {
      add_external_participants_from_cc: true,
      reopen_issue_on_external_participant_note: true,
    });
    address = settings.body.incoming_address;
  });
  after(() => desk.close());

  const ticket = (iid: number) => desk.request(agent.token, 'GET', `/api/v1/projects/${projectId}/tickets/${iid}`).then((r) => r.body);
  const notes = (iid: number) => desk.request(agent.token, 'GET', `/api/v1/projects/${projectId}/tickets/${iid}/notes?per_page=100`).then((r) => r.body);
  const open = async (mail: Parameters<MailDesk['send']>[0]) => {
    await desk.send({ to: address, ...mail });
    await desk.settle();
    return (await desk.request(agent.token, 'GET', '/api/v1/inbound_messages?per_page=1')).body[0];
  };

  it('adds Cc addresses as participants, minus our own, and greets them with new_participant (SD-47, SD-78)', async () => {
    const before = desk.sink.mails.length;
    const message = await open({
      from: 'lead@client.test',
      cc: ['colleague@client.test', address, 'boss@client.test'],
      subject: 'Team request',
      text: 'For all of us',
      messageId: '<team@client.test>',
    });
    const t = await ticket(message.ticket_iid);
    assert.deepEqual(
      t.participants.map((p: { email: string }) => p.email),
      ['lead@client.test', 'colleague@client.test', 'boss@client.test'],
    );
    const sent = (await desk.sink.waitFor(before + 3)).slice(before);
    const kinds = await desk.request(agent.token, 'GET', `/api/v1/outbound_messages?project_id=${projectId}&per_page=3`);
    assert.deepEqual(kinds.body.map((m: { kind: string; to: string }) => `${m.kind} ${m.to}`).sort(), [
      'new_participant boss@client.test',
      'new_participant colleague@client.test',
      'thank_you lead@client.test',
    ]);
    assert.ok(
      sent.every((m) => m.envelopeTo.length === 1),
      'one recipient per message (SD-58)',
    );
    // Nobody proved the Cc ever saw the mail: their greeting quotes none of its words, not even the subject.
    const greeting = sent.find((m) => m.envelopeTo[0] === 'boss@client.test')!;
    assert.doesNotMatch(greeting.parsed.subject ?? '', /Team request/, 'no customer words in the greeting');
    assert.equal(greeting.parsed.subject, `Your support request (#${message.ticket_iid})`);
    const added = (await notes(message.ticket_iid)).filter((n: { system: boolean }) => n.system);
    assert.deepEqual(
      added.map((n: { body: string }) => n.body),
      ['added colleague@client.test and boss@client.test'],
      'one system note names the people the mail brought',
    );
  });

  it('greets a participant an agent adds through the API with new_participant (SD-78)', async () => {
    const first = await open({ from: 'api-add@client.test', subject: 'Add my colleague', text: 'Please', messageId: '<api-add@client.test>' });
    const added = await desk.request(agent.token, 'POST', `/api/v1/projects/${projectId}/tickets/${first.ticket_iid}/participants`, {
      email: 'colleague2@client.test',
    });
    assert.equal(added.status, 201);
    await desk.settle();
    const kinds = (await desk.request(agent.token, 'GET', '/api/v1/outbound_messages?to=colleague2@client.test')).body.map((m: { kind: string }) => m.kind);
    assert.deepEqual(kinds, ['new_participant']);
  });

  it('files a reply-all to the original mail as a comment, untrimmed, mailed to no one outside the team (SD-55, made safe)', async () => {
    const first = await open({ from: 'orig@client.test', subject: 'Original', text: 'First words', messageId: '<original@client.test>' });
    const before = desk.sink.mails.length;
    const reply = await open({ from: 'cc-person@client.test', subject: 'Re: Original', text: 'Me too.\n\n> First words', inReplyTo: '<original@client.test>' });
    assert.equal(reply.state, 'processed');
    assert.equal(reply.matched_by, 'in_reply_to');
    assert.equal(reply.ticket_iid, first.ticket_iid);
    const last = (await notes(first.ticket_iid)).at(-1);
    assert.equal(last.body, 'Me too.\n\n> First words');
    await desk.settle();
    const sentSince = desk.sink.mails.slice(before).map((m) => m.envelopeTo[0]);
    // In-Reply-To is known to everyone who saw the original: it proves nothing about the sender, so the
    // replier does not join and their words go to no participant (GitLab mails them on: SD-55).
    assert.deepEqual(sentSince, [], 'nobody outside the team is mailed');
    assert.deepEqual(
      (await ticket(first.ticket_iid)).participants.map((p: { email: string }) => p.email),
      ['orig@client.test'],
    );
  });

  it('finds the ticket through References when the reply goes to the bare address (SD-16)', async () => {
    const first = await open({ from: 'refs@client.test', subject: 'Threading', text: 'Hello', messageId: '<refs-original@client.test>' });
    const thanks = desk.sink.mails.find((m) => m.envelopeTo[0] === 'refs@client.test')!;
    const replyRef = (thanks.parsed.references as string[]).find((r) => r.startsWith('<reply-'))!;
    // iOS Mail and Exchange join References with commas.
    const reply = await open({
      from: 'refs@client.test',
      subject: 'Re: Threading',
      text: 'Follow-up',
      headers: { References: `<unrelated@client.test>,${replyRef}` },
    });
    assert.equal(reply.matched_by, 'references');
    assert.equal(reply.ticket_iid, first.ticket_iid);
  });

  it('reopens a closed ticket on a customer reply when the project wants it (SD-57)', async () => {
    const first = await open({ from: 'reopen@client.test', subject: 'Closed too soon', text: 'Problem', messageId: '<reopen@client.test>' });
    await desk.request(agent.token, 'PUT', `/api/v1/projects/${projectId}/tickets/${first.ticket_iid}`, { state_event: 'close' });
    assert.equal((await ticket(first.ticket_iid)).state, 'closed');
    const thanks = desk.sink.mails.find((m) => m.envelopeTo[0] === 'reopen@client.test')!;
    await open({ from: 'reopen@client.test', to: thanks.parsed.replyTo!.value[0]!.address, subject: 'Re: Closed too soon', text: 'Still broken' });
    assert.equal((await ticket(first.ticket_iid)).state, 'opened');
    assert.ok(
      (await notes(first.ticket_iid)).some((n: { system: boolean; internal: boolean; body: string }) => n.system && n.internal && /reopened/.test(n.body)),
      '(await notes(first.ticket_iid)).some((n: { system: boolean; internal: boolean; body: string }) => n.system && n.internal && /reopened/.test(n.body))',
    );
  });

  it('takes a new ticket’s author from Reply-To (SD-30) but a reply’s from From (SD-54), and quotes nothing to an unproven Reply-To', async () => {
    const first = await open({
      from: 'person@client.test',
      replyTo: 'team-inbox@client.test',
      subject: 'Via a shared inbox',
      text: 'Hello',
      messageId: '<shared@client.test>',
    });
    assert.equal((await ticket(first.ticket_iid)).external_author, 'team-inbox@client.test');
    const thanks = desk.sink.mails.find((m) => m.envelopeTo[0] === 'team-inbox@client.test')!;
    // From did not prove it may speak for the Reply-To address: the thank-you there carries none of its words.
    assert.equal(thanks.parsed.subject, `Your support request (#${first.ticket_iid})`);
    assert.ok(!thanks.raw.toString().includes('Via a shared inbox'), 'the title is not quoted');
    const before = desk.sink.mails.length;
    await open({
      from: 'colleague@client.test',
      replyTo: 'team-inbox@client.test',
      to: thanks.parsed.replyTo!.value[0]!.address,
      subject: 'Re: Via a shared inbox',
      text: 'More details',
    });
    const last = (await notes(first.ticket_iid)).filter((n: { system: boolean }) => !n.system).at(-1);
    assert.equal(last.external_author, 'colleague@client.test', 'a reply is written by its From');
    await desk.settle();
    // Through the key, the participant who got it hears of the colleague's words, and the colleague joins,
    // since this project adds people from Cc (a new From through a key counts as one); not mailed their own words.
    const sent = desk.sink.mails.slice(before).map((m) => m.envelopeTo[0]);
    assert.deepEqual(sent, ['team-inbox@client.test']);
    assert.deepEqual(
      (await ticket(first.ticket_iid)).participants.map((p: { email: string }) => p.email),
      ['team-inbox@client.test', 'colleague@client.test'],
    );
  });

  it('takes a customer reply relayed by a mailing list through the reply key, but no new list mail', async () => {
    const first = await open({ from: 'listed@client.test', subject: 'Via the list', text: 'Problem', messageId: '<listed@client.test>' });
    const thanks = desk.sink.mails.find((m) => m.envelopeTo[0] === 'listed@client.test')!;
    const list = { 'List-Id': 'Client staff <staff.client.test>', 'List-Unsubscribe': '<mailto:leave@client.test>' };
    const reply = await open({
      from: 'listed@client.test',
      to: thanks.parsed.replyTo!.value[0]!.address,
      subject: 'Re: Via the list',
      text: 'More',
      headers: list,
    });
    assert.equal(reply.state, 'processed');
    assert.equal(reply.ticket_iid, first.ticket_iid);
    const news = await open({ from: 'offers@shop.test', subject: 'Weekly offers', text: 'Buy', headers: list });
    assert.equal(news.state, 'ignored');
    assert.equal(news.reason, 'bulk: List-Id (list or newsletter mail, not a reply through a reply key)');
    // Routed by In-Reply-To alone, a list mail is not a reply through a key either.
    const viaThread = await open({ from: 'listed@client.test', subject: 'Re: Via the list', text: 'x', inReplyTo: '<listed@client.test>', headers: list });
    assert.equal(viaThread.state, 'ignored');
  });

  it('adds and mails no address a relay could route elsewhere: IP literals, quoted local parts, % and ! routing', async () => {
    const before = desk.sink.mails.length;
    const message = await open({
      from: 'routing@client.test',
      cc: ['victim@[10.1.2.3]', '"a@b"@client.test', 'victim%evil.test@relay.test', 'carl@10.0.0.1', 'fine@client.test'],
      subject: 'Odd addresses',
      text: 'Hello',
      messageId: '<routing@client.test>',
    });
    const t = await ticket(message.ticket_iid);
    assert.deepEqual(
      t.participants.map((p: { email: string }) => p.email),
      ['routing@client.test', 'fine@client.test'],
    );
    const sent = (await desk.sink.waitFor(before + 2)).slice(before);
    assert.deepEqual(sent.map((m) => m.envelopeTo[0]).sort(), ['fine@client.test', 'routing@client.test']);
    // Reply-To names the author of a new ticket (SD-30): an IP literal there is recorded, never mailed.
    const literal = await open({ from: 'real@client.test', replyTo: 'victim@[10.1.2.3]', subject: 'Literal', text: 'x', messageId: '<literal@client.test>' });
    assert.deepEqual((await ticket(literal.ticket_iid)).participants, []);
    await desk.settle();
    assert.equal(desk.sink.mails.length, before + 2, 'nothing went to the IP literal');
  });

  it('refuses a reply that only quotes with one retryable rejection (SD-50, SD-24)', async () => {
    const first = await open({ from: 'quote@client.test', subject: 'Quotes', text: 'Hello', messageId: '<quote@client.test>' });
    const thanks = desk.sink.mails.find((m) => m.envelopeTo[0] === 'quote@client.test')!;
    const count = (await notes(first.ticket_iid)).length;
    const before = desk.sink.mails.length;
    const key = thanks.parsed.replyTo!.value[0]!.address!;
    const reply = await open({ from: 'quote@client.test', to: key, subject: 'Re: Quotes', text: '> Hello' });
    assert.equal(reply.state, 'ignored');
    assert.match(reply.reason, /^empty_reply/);
    assert.equal((await notes(first.ticket_iid)).length, count);
    const sent = (await desk.sink.waitFor(before + 1)).slice(before);
    assert.deepEqual(
      sent.map((m) => `${m.envelopeTo[0]} ${m.parsed.subject}`),
      ['quote@client.test [Rejected] Re: Quotes'],
    );
    // Retryable: answering the rejection goes back to the address the reply was written to.
    assert.equal(sent[0]!.parsed.replyTo!.value[0]!.address, key);
  });

  it('keeps quick actions from customers inert (SD-32) and converts HTML-only mail to safe Markdown (SD-48)', async () => {
    const inert = await open({ from: 'qa@client.test', subject: 'Please', text: 'Close it yourself\n/close\n/label ~urgent' });
    const t = await ticket(inert.ticket_iid);
    assert.equal(t.state, 'opened');
    assert.match(t.description, /^`\/close`$/m);
    assert.deepEqual(t.labels, []);

    const html = await open({
      from: 'html@client.test',
      subject: 'Formatted',
      html: '<p>Hello <strong>team</strong>, see <a href="https://example.test/x">this</a>.</p><script>alert(1)</script><img src=x onerror="alert(2)">',
    });
    const h = await ticket(html.ticket_iid);
    assert.match(h.description, /Hello \*\*team\*\*, see \[this\]\(https:\/\/example\.test\/x\)\./);
    assert.doesNotMatch(h.description, /<script|alert\(1\)|onerror/);
  });

  it('stores attachments byte for byte and serves them so they cannot run in our origin', async () => {
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f0e5c00000000049454e44ae426082',
      'hex',
    );
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>');
    const message = await open({
      from: 'files@client.test',
      subject: 'Screenshots',
      text: 'See attached',
      attachments: [
        { filename: 'shot.png', content: png, contentType: 'image/png' },
        { filename: 'evil.svg', content: svg, contentType: 'image/svg+xml' },
      ],
    });
    const t = await ticket(message.ticket_iid);
    assert.equal(t.attachments.length, 2);
    assert.match(
      t.description,
      /See attached\n\n!\[shot\.png\]\(http:\/\/desk\.test\/api\/v1\/attachments\/\d+\)\n\n\[evil\.svg\]\(http:\/\/desk\.test\/api\/v1\/attachments\/\d+\)$/,
    );
    const [image, vector] = t.attachments;
    const get = (id: number, token: string | null) =>
      desk.http.inject({ method: 'GET', url: `/api/v1/attachments/${id}`, headers: token ? { authorization: `Bearer ${token}` } : {} });
    const imageResponse = await get(image.id, agent.token);
    assert.equal(imageResponse.statusCode, 200);
    assert.deepEqual(imageResponse.rawPayload, png);
    assert.match(String(imageResponse.headers['content-disposition']), /^inline; filename="shot\.png"/);
    const svgResponse = await get(vector.id, agent.token);
    assert.deepEqual(svgResponse.rawPayload, svg);
    assert.match(String(svgResponse.headers['content-disposition']), /^attachment;/);
    assert.equal(svgResponse.headers['content-type'], 'application/octet-stream');
    assert.equal(svgResponse.headers['x-content-type-options'], 'nosniff');
    assert.match(String(svgResponse.headers['content-security-policy']), /sandbox/);
    assert.equal((await get(vector.id, null)).statusCode, 401);
    const stranger = await desk.user();
    assert.equal((await get(vector.id, stranger.token)).statusCode, 404);
  });
});
