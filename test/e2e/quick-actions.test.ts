// Quick actions in agents' comments, over the real mail loop: each command changes the ticket and leaves
// a system note, /add_email and /remove_email change who is mailed (SD-77…SD-79), /convert_to_ticket gives
// an agent's ticket its customer (SD-85), and customers' quick actions stay inert (SD-32).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ACCESS_LEVELS } from '../../src/domain/access-levels.ts';
import { startMailDesk, type MailDesk } from '../helpers/mail-desk.ts';
import type { TestUser } from '../helpers/test-app.ts';

interface Note {
  body: string;
  system: boolean;
  internal: boolean;
}

describe('quick actions in agents’ comments', () => {
  let desk: MailDesk;
  let agent: TestUser;
  let colleague: TestUser;
  let guest: TestUser;
  let projectId: number;
  let address: string;

  before(async () => {
    desk = await startMailDesk();
    agent = await desk.user();
    const project = await desk.project(agent, { path: 'quick' });
    projectId = project.id;
    colleague = await desk.member(project, { level: ACCESS_LEVELS.developer });
    guest = await desk.member(project, { level: ACCESS_LEVELS.guest });
    address = (await desk.request(agent.token, 'GET', `/api/v1/projects/${projectId}/service_desk`)).body.incoming_address;
  });
  after(() => desk.close());

  const url = (iid: number, rest = '') => `/api/v1/projects/${projectId}/tickets/${iid}${rest}`;
  const ticket = (iid: number) => desk.request(agent.token, 'GET', url(iid)).then((r) => r.body);
  const notes = (iid: number): Promise<Note[]> => desk.request(agent.token, 'GET', url(iid, '/notes?per_page=100')).then((r) => r.body);
  const comment = (iid: number, body: string, token = agent.token) => desk.request(token, 'POST', url(iid, '/notes'), { body });
  const participants = (iid: number) => desk.request(agent.token, 'GET', url(iid, '/participants')).then((r) => r.body.map((p: { email: string }) => p.email));
  const mailsTo = (from: number, to: string) => desk.sink.mails.slice(from).filter((m) => m.envelopeTo.includes(to));
  /** Tickets from mail are confidential by default; some tests need one a guest can see, or one to make confidential. */
  const visibleByDefault = (visible: boolean) =>
    desk.request(agent.token, 'PUT', `/api/v1/projects/${projectId}/service_desk`, { tickets_confidential_by_default: !visible });
  /** A ticket opened by mail from `customer`, with its thank-you delivered. */
  const mailTicket = async (customer: string, subject = 'Help'): Promise<number> => {
    await desk.send({ from: customer, to: address, subject, text: 'Please help' });
    await desk.settle();
    return (await desk.request(agent.token, 'GET', '/api/v1/inbound_messages?per_page=1')).body[0].ticket_iid;
  };

  it('/close and /reopen change the state; a comment of only quick actions stores no note, answers 200 and mails nothing', async () => {
    const iid = await mailTicket('state@client.test');
    const sent = desk.sink.mails.length;
    const closed = await comment(iid, '/close');
    assert.equal(closed.status, 200);
    assert.equal(closed.body.note, null);
    assert.deepEqual(closed.body.commands, { changes: { state_event: 'close' }, summary: ['Closed this ticket.'] });
    assert.equal((await ticket(iid)).state, 'closed');
    const reopened = await comment(iid, 'Sorry, not done yet.\n/reopen');
    assert.equal(reopened.status, 201);
    assert.equal(reopened.body.body, 'Sorry, not done yet.');
    assert.equal((await ticket(iid)).state, 'opened');
    const conversation = await notes(iid);
    assert.deepEqual(
      conversation.filter((n) => n.system).map((n) => n.body),
      ['closed', 'reopened'],
    );
    assert.ok(!conversation.some((n) => n.body.includes('/close') || n.body.includes('/reopen')), 'no quick action line is stored');
    await desk.settle();
    const out = mailsTo(sent, 'state@client.test');
    assert.equal(out.length, 1, 'only the text comment is mailed');
    assert.ok(out[0]!.parsed.text!.includes('Sorry, not done yet.') && !out[0]!.parsed.text!.includes('/reopen'), 'the mail carries the text only');
  });

  it('/label, /unlabel, /assign (@me too), /unassign and /confidential leave the same system notes as the API', async () => {
    await visibleByDefault(true);
    const iid = await mailTicket('labels@client.test');
    await visibleByDefault(false);
    await comment(iid, `/label ~bug ~"needs info" ~triage\n/assign @me @${colleague.user.username}`);
    let t = await ticket(iid);
    assert.deepEqual([...t.labels].sort(), ['bug', 'needs info', 'triage']);
    assert.deepEqual(t.assignees.map((a: { username: string }) => a.username).sort(), [agent.user.username, colleague.user.username].sort());
    await comment(iid, `/unlabel ~triage\n/unassign @${colleague.user.username}\n/confidential`);
    t = await ticket(iid);
    assert.deepEqual([...t.labels].sort(), ['bug', 'needs info']);
    assert.deepEqual(
      t.assignees.map((a: { username: string }) => a.username),
      [agent.user.username],
    );
    assert.equal(t.confidential, true);
    await comment(iid, '/unlabel\n/unassign');
    t = await ticket(iid);
    assert.deepEqual(t.labels, []);
    assert.deepEqual(t.assignees, []);
    const system = (await notes(iid)).filter((n) => n.system).map((n) => n.body);
    assert.ok(system.includes('added ~bug ~"needs info" ~triage labels'), JSON.stringify(system));
    assert.ok(system.includes('removed ~triage label'), JSON.stringify(system));
    assert.ok(system.includes('made the ticket confidential'), JSON.stringify(system));
    assert.ok(
      system.some((b) => b.startsWith('unassigned')),
      JSON.stringify(system),
    );
  });

  it('skips unknown users and leaves unknown commands as text', async () => {
    const iid = await mailTicket('unknown@client.test');
    const answer = await comment(iid, '/assign @nobody-here\n/shrug');
    assert.equal(answer.status, 201);
    assert.equal(answer.body.body, '/shrug');
    assert.ok(answer.body.commands.summary.includes('Skipped @nobody-here: no such member of this project.'), JSON.stringify(answer.body.commands));
    assert.deepEqual((await ticket(iid)).assignees, []);
  });

  it('a guest’s /close does nothing and stays out of the text, as in GitLab', async () => {
    await visibleByDefault(true);
    const iid = await mailTicket('guest@client.test');
    await visibleByDefault(false);
    const answer = await comment(iid, 'Me too\n/close\n/add_email spy@evil.test', guest.token);
    assert.equal(answer.status, 201);
    assert.equal(answer.body.body, 'Me too');
    assert.deepEqual(answer.body.commands.summary, [
      'You are not allowed to run /close on this ticket.',
      'You are not allowed to run /add_email on this ticket.',
    ]);
    assert.equal((await ticket(iid)).state, 'opened');
    assert.deepEqual(await participants(iid), ['guest@client.test']);
  });

  it('/add_email: new participants get new_participant, not the comment, then later public comments (SD-77, SD-78)', async () => {
    const iid = await mailTicket('owner@client.test');
    const sent = desk.sink.mails.length;
    const answer = await comment(iid, 'Looping in your team.\n/add_email A@team.test a@team.test, b@team.test not-an-address owner@client.test ' + address);
    assert.deepEqual(await participants(iid), ['owner@client.test', 'A@team.test', 'b@team.test']);
    const summary: string[] = answer.body.commands.summary;
    assert.equal(summary[0], 'Added A@team.test and b@team.test.');
    assert.ok(summary.includes('Skipped not-an-address: not an email address.'), JSON.stringify(summary));
    assert.ok(summary.includes('Skipped owner@client.test: already a participant.'), JSON.stringify(summary));
    assert.ok(summary.includes(`Skipped ${address}: the service desk's own address.`), JSON.stringify(summary));
    assert.ok(
      (await notes(iid)).some((n) => n.system && n.body === 'added A@team.test and b@team.test'),
      'one system note for the addition',
    );
    await desk.settle();
    const toA = mailsTo(sent, 'A@team.test');
    assert.equal(toA.length, 1, 'one mail to the new participant');
    assert.ok(!toA[0]!.parsed.text!.includes('Looping in your team.'), 'the new participant gets new_participant, not the comment');
    assert.equal(mailsTo(sent, 'owner@client.test').length, 1, 'the existing participant gets the comment');
    const kinds = await desk.request(agent.token, 'GET', `/api/v1/outbound_messages?project_id=${projectId}&per_page=4`);
    assert.deepEqual(
      kinds.body.map((m: { kind: string; to: string }) => `${m.kind} ${m.to}`).sort(),
      ['new_note owner@client.test', 'new_participant A@team.test', 'new_participant b@team.test', 'thank_you owner@client.test'].sort(),
    );
    const later = desk.sink.mails.length;
    await comment(iid, 'Any news?');
    await desk.settle();
    assert.equal(mailsTo(later, 'b@team.test').length, 1, 'later public comments reach the new participant');
  });

  it('/remove_email: the removed participant gets no further mail (SD-79)', async () => {
    const iid = await mailTicket('stay@client.test');
    await comment(iid, '/add_email leave@client.test');
    const answer = await comment(iid, '/remove_email LEAVE@client.test ghost@client.test');
    assert.deepEqual(answer.body.commands.summary, ['Removed LEAVE@client.test.']);
    assert.deepEqual(await participants(iid), ['stay@client.test']);
    await desk.settle();
    const sent = desk.sink.mails.length;
    await comment(iid, 'Only for you');
    await desk.settle();
    assert.equal(mailsTo(sent, 'leave@client.test').length, 0, 'no mail after removal');
    assert.equal(mailsTo(sent, 'stay@client.test').length, 1, 'the others still hear');
    const none = await comment(iid, '/remove_email ghost@client.test');
    assert.deepEqual(none.body.commands.summary, ["No email participants were removed. Either none were provided, or they don't exist."]);
  });

  it('limits: 6 addresses per action, 10 participants per ticket (SD-76, SD-77)', async () => {
    const iid = await mailTicket('limits@client.test');
    const seven = Array.from({ length: 7 }, (_, i) => `p${i}@many.test`);
    const first = await comment(iid, `/add_email ${seven.join(' ')}`);
    assert.equal((await participants(iid)).length, 7, 'the requester and the first 6');
    assert.ok(first.body.commands.summary.includes('Only the first 6 addresses are used; ignored p6@many.test.'), JSON.stringify(first.body.commands));
    const more = await comment(iid, '/add_email q1@many.test q2@many.test q3@many.test q4@many.test');
    assert.equal((await participants(iid)).length, 10);
    assert.ok(more.body.commands.summary.includes('Skipped q4@many.test: a ticket has at most 10 participants.'), JSON.stringify(more.body.commands));
    const full = await comment(iid, '/add_email r@many.test');
    assert.deepEqual(full.body.commands.summary.slice(0, 1), ['No email participants were added. Either none were provided, or they already exist.']);
  });

  it('/convert_to_ticket gives an agent’s ticket its customer, confidential, mailing nothing (SD-85)', async () => {
    const created = await desk.request(agent.token, 'POST', `/api/v1/projects/${projectId}/tickets`, { title: 'Phone call', confidential: false });
    const iid = created.body.iid;
    await desk.settle();
    const sent = desk.sink.mails.length;
    const answer = await comment(iid, '/convert_to_ticket caller@client.test');
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body.commands.summary, ['Converted this ticket for caller@client.test.']);
    const t = await ticket(iid);
    assert.equal(t.external_author, 'caller@client.test');
    assert.equal(t.confidential, true, 'the project makes tickets confidential by default');
    assert.equal(t.author.username, 'support-bot');
    assert.deepEqual(await participants(iid), ['caller@client.test']);
    const internal = (await notes(iid)).filter((n) => n.internal && n.system);
    assert.equal(internal.length, 1);
    assert.match(internal[0]!.body, new RegExp(`converted this ticket for caller@client.test, first opened by @${agent.user.username}`));
    await desk.settle();
    assert.equal(desk.sink.mails.length, sent, 'no thank-you, no mail at all');
    const again = await comment(iid, '/convert_to_ticket other@client.test');
    assert.deepEqual(again.body.commands.summary, ['Cannot convert: this ticket already has an external author.']);
    const first = desk.sink.mails.length;
    await comment(iid, 'We called you back.');
    await desk.settle();
    assert.equal(mailsTo(first, 'caller@client.test').length, 1, 'a later public comment reaches the customer (SD-109)');
  });

  it('quick actions in customer mail stay inert (SD-32)', async () => {
    await desk.send({ from: 'sneaky@client.test', to: address, subject: 'Sneaky', text: 'Hello\n/close\n/add_email friend@client.test' });
    await desk.settle();
    const iid = (await desk.request(agent.token, 'GET', '/api/v1/inbound_messages?per_page=1')).body[0].ticket_iid;
    const t = await ticket(iid);
    assert.equal(t.state, 'opened');
    assert.deepEqual(await participants(iid), ['sneaky@client.test']);
  });

  it('customer commands in capitals are stored inert, and stay inert when a member’s mail reply pastes them unquoted (SD-32)', async () => {
    await desk.request(colleague.token, 'PUT', '/api/v1/user/notification_settings', { new_tickets: true });
    const sent = desk.sink.mails.length;
    const customerText = 'Hello\n/CLOSE\n/Add_Email x@evil.test\n/Label ~Urgent\nThanks';
    await desk.send({ from: 'shouty@client.test', to: address, subject: 'Shouting', text: customerText });
    await desk.settle();
    const iid = (await desk.request(agent.token, 'GET', '/api/v1/inbound_messages?per_page=1')).body[0].ticket_iid;
    let t = await ticket(iid);
    assert.equal(t.description, 'Hello\n`/CLOSE`\n`/Add_Email x@evil.test`\n`/Label ~Urgent`\nThanks');
    assert.equal(t.state, 'opened');
    assert.deepEqual(t.labels, []);
    assert.deepEqual(await participants(iid), ['shouty@client.test']);

    // The colleague is told of the new ticket, with the customer's text as stored, and answers by mail,
    // pasting that text below their own without quote marks (as a forward or a careless client does).
    const notice = mailsTo(sent, colleague.user.email).find((m) => m.parsed.subject?.includes('Shouting'));
    assert.ok(notice, 'the colleague is told');
    assert.match(notice.parsed.text ?? '', /^`\/CLOSE`$/m);
    await desk.send({
      from: colleague.user.email,
      to: notice.parsed.replyTo!.value[0]!.address,
      subject: `Re: ${notice.parsed.subject}`,
      text: `Billing, please have a look. What the customer sent:\n\n${notice.parsed.text}`,
    });
    await desk.settle();
    const answer = (await notes(iid)).find((n) => !n.system && n.body.startsWith('Billing, please'));
    assert.ok(answer, 'the colleague’s answer is a note');
    assert.match(answer.body, /^`\/CLOSE`$/m, 'the pasted command is text');
    t = await ticket(iid);
    assert.equal(t.state, 'opened', 'not closed by the pasted /CLOSE');
    assert.deepEqual(t.labels, [], 'not labelled by the pasted /Label');
    assert.deepEqual(await participants(iid), ['shouty@client.test'], 'x@evil.test not added');
    await desk.request(colleague.token, 'PUT', '/api/v1/user/notification_settings', { new_tickets: false });
  });
});

describe('the ticket template (SD-33)', () => {
  let desk: MailDesk;
  before(async () => {
    desk = await startMailDesk();
  });
  after(() => desk.close());

  it('follows the customer’s text on every new ticket, and its quick actions run as the desk', async () => {
    const owner = await desk.user();
    const project = await desk.project(owner, { path: 'templated' });
    const settings = await desk.request(owner.token, 'PUT', `/api/v1/projects/${project.id}/service_desk`, {
      issue_template: 'Checked by triage: no\n/label ~triage ~"needs reply"\n/close',
    });
    await desk.send({ from: 'templ@client.test', to: settings.body.incoming_address, subject: 'With a template', text: 'My words\n/label ~mine' });
    await desk.settle();
    const ticket = (await desk.request(owner.token, 'GET', `/api/v1/projects/${project.id}/tickets/1`)).body;
    assert.equal(ticket.description, 'My words\n`/label ~mine`  \nChecked by triage: no');
    assert.deepEqual(ticket.labels, ['needs reply', 'triage']);
    assert.equal(ticket.state, 'closed');
  });
});
