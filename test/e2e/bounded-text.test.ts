// Issue 10, "bounded text": what a ticket or note keeps of a mail is capped (the whole text stays in the
// raw message and goes with it as full-text.txt), and no list carries whole bodies, so one page of the
// queue stays small however large the tickets are. Real SMTP in, the real pipeline, both databases.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { NOTES_PAGE_BYTES } from '../../src/app/notes/list-notes.ts';
import { CUT_NOTICE, LIST_DESCRIPTION_CHARS, MAX_STORED_TEXT_LENGTH } from '../../src/domain/stored-text.ts';
import { startMailDesk, type MailDesk } from '../helpers/mail-desk.ts';
import type { TestUser } from '../helpers/test-app.ts';

/** About `size` characters (1.1 million unless told) in short lines, as a long mail is written, ending with `end`. */
const longText = (name: string, end: string, size = 1_100_000) => `${`${name} wrote this line of a very long mail.\n`.repeat(size / 40)}${end}`;

describe('bounded text', () => {
  let desk: MailDesk;
  let owner: TestUser;
  let projectId: number;
  let address: string;

  before(async () => {
    desk = await startMailDesk();
    owner = await desk.user({ admin: true });
    projectId = (await desk.project(owner, { path: 'bounded' })).id;
    address = (await desk.request(owner.token, 'GET', `/api/v1/projects/${projectId}/service_desk`)).body.incoming_address;
  });
  after(() => desk.close());

  const tickets = (query = '') => desk.request(owner.token, 'GET', `/api/v1/projects/${projectId}/tickets${query}`);
  const ticket = async (iid: number) => (await desk.request(owner.token, 'GET', `/api/v1/projects/${projectId}/tickets/${iid}`)).body;
  const file = async (url: string) =>
    (await desk.http.inject({ method: 'GET', url: new URL(url).pathname, headers: { authorization: `Bearer ${owner.token}` } })).body;
  const latestInbound = async () => (await desk.request(owner.token, 'GET', '/api/v1/inbound_messages?per_page=1')).body[0];

  it('cuts a 20 MB mail’s text at the limit, says so, and keeps the whole text as the ticket’s full-text.txt', async () => {
    // A real 20 MB mail, as in the issue: twenty-two of them made one page of the queue 456 MB of JSON.
    const text = longText('Ada', 'THE LAST WORDS', 20_000_000);
    await desk.send({ from: 'ada@client.test', to: address, subject: 'A very long story', text });
    await desk.settle();
    const inbound = await latestInbound();
    assert.equal(inbound.state, 'processed', inbound.error);
    const opened = await ticket(inbound.ticket_iid);
    assert.ok(opened.description.length <= MAX_STORED_TEXT_LENGTH + 200, `${opened.description.length} characters stored`);
    assert.ok(opened.description.startsWith('Ada wrote this line'), 'the head is kept');
    assert.ok(opened.description.includes(CUT_NOTICE), 'it says it was cut');
    assert.ok(!opened.description.includes('THE LAST WORDS'), 'the tail is not in the description');
    const whole = opened.attachments.find((a: { filename: string }) => a.filename === 'full-text.txt');
    assert.ok(whole, `attachments: ${JSON.stringify(opened.attachments)}`);
    assert.match(opened.description, new RegExp(`\\[full-text\\.txt\\]\\(http://desk\\.test/api/v1/attachments/${whole.id}\\)$`));
    assert.equal(await file(whole.url), text.trim());
    const raw = await desk.request(owner.token, 'GET', `/api/v1/inbound_messages/${inbound.id}/raw`);
    assert.ok(String(raw.body).includes('THE LAST WORDS'), 'the raw message keeps it all');
  });

  it('cuts a long reply the same way: the note keeps the head, its file the whole text', async () => {
    const thanks = desk.sink.mails.find((m) => m.envelopeTo[0] === 'ada@client.test');
    assert.ok(thanks, 'the thank-you reached the relay');
    const text = longText('Ada again', 'MY REAL QUESTION');
    await desk.send({ from: 'ada@client.test', to: thanks.parsed.replyTo!.value[0]!.address, subject: 'Re: A very long story', text });
    await desk.settle();
    const inbound = await latestInbound();
    assert.equal(inbound.state, 'processed', inbound.error);
    const notes = (await desk.request(owner.token, 'GET', `/api/v1/projects/${projectId}/tickets/${inbound.ticket_iid}/notes`)).body;
    const note = notes.find((n: { id: number }) => n.id === inbound.note_id);
    assert.ok(note.body.length <= MAX_STORED_TEXT_LENGTH + 200 && note.body.includes(CUT_NOTICE), `${note.body.length} characters, cut`);
    assert.deepEqual(
      note.attachments.map((a: { filename: string }) => a.filename),
      ['full-text.txt'],
    );
    assert.equal(await file(note.attachments[0].url), text.trim());
  });

  it('lists twenty-two long tickets in pages that carry 1,000 characters of each description', async () => {
    for (let i = 2; i <= 22; i++) await desk.send({ from: `writer${i}@client.test`, to: address, subject: `Long ${i}`, text: longText(`Writer ${i}`, 'END') });
    await desk.settle();
    await desk.send({ from: 'brief@client.test', to: address, subject: 'Short', text: 'Just this.' });
    await desk.settle();
    const page = await tickets();
    assert.equal(page.status, 200);
    assert.equal(page.body.length, 20);
    const bytes = Number(page.headers['content-length']);
    // Twenty heads of 1,000 characters and the rest of each view: nothing like 20 MB.
    assert.ok(bytes < 20 * (LIST_DESCRIPTION_CHARS + 2_000), `one default page is ${bytes} bytes`);
    const short = page.body.find((t: { title: string }) => t.title === 'Short');
    const long = page.body.filter((t: { title: string }) => t !== short);
    assert.equal(page.body[0], short, 'the newest ticket comes first');
    assert.equal(short.description, 'Just this.');
    assert.equal(short.description_truncated, false);
    for (const listed of long) {
      assert.equal(listed.description_truncated, true, listed.title);
      assert.equal(listed.description.length, LIST_DESCRIPTION_CHARS, listed.title);
    }
    // The ticket itself has the whole text it stores.
    const one = await ticket(long[0].iid);
    assert.ok(one.description.startsWith(long[0].description) && one.description.length > 900_000, `${one.description.length} characters`);
    // So does a search's page, and a later page.
    const found = await tickets('?search=Writer');
    assert.ok(found.body.length > 0 && found.body.every((t: { description_truncated: boolean }) => t.description_truncated), 'search pages carry heads');
    const next = await tickets(`?cursor=${page.headers['x-next-cursor']}`);
    assert.equal(next.body.length, 3);
    assert.ok(Number(next.headers['content-length']) < 3 * (LIST_DESCRIPTION_CHARS + 2_000), 'the last page too');
  });

  it('masks before it cuts: a guest never sees part of an address that crosses the 1,000th character', async () => {
    const guest = await desk.member({ id: projectId }, { level: 10 });
    // The address starts at the 991st character: cut first, then masked, `alice.secr` would show.
    const description = `${'x '.repeat(491)}mail to alice.secret@example.com for more ${'y'.repeat(2_000)}`;
    const created = await desk.request(owner.token, 'POST', `/api/v1/projects/${projectId}/tickets`, {
      title: 'Address at the edge',
      description,
      confidential: false,
    });
    assert.equal(created.status, 201);
    const listed = (await desk.request(guest.token, 'GET', `/api/v1/projects/${projectId}/tickets?search=edge`)).body[0];
    assert.equal(listed.iid, created.body.iid);
    assert.equal(listed.description_truncated, true);
    assert.ok(!listed.description.includes('alice') && listed.description.endsWith('mail to al*****@e*'), listed.description.slice(980));
  });

  it('refuses a description or note longer than what is stored, through the API', async () => {
    const tooLong = 'z'.repeat(MAX_STORED_TEXT_LENGTH + 1);
    const created = await desk.request(owner.token, 'POST', `/api/v1/projects/${projectId}/tickets`, { title: 'Too long', description: tooLong });
    assert.equal(created.status, 400);
    const iid = (await tickets()).body[0].iid;
    const note = await desk.request(owner.token, 'POST', `/api/v1/projects/${projectId}/tickets/${iid}/notes`, { body: tooLong, internal: true });
    assert.equal(note.status, 400);
  });

  it('pages a conversation of long notes by their size, so no answer carries hundreds of megabytes', async () => {
    const iid = (await desk.request(owner.token, 'POST', `/api/v1/projects/${projectId}/tickets`, { title: 'Long notes' })).body.iid;
    const size = 990_000;
    for (let i = 0; i < 6; i++) {
      const added = await desk.request(owner.token, 'POST', `/api/v1/projects/${projectId}/tickets/${iid}/notes`, {
        body: `${i}`.repeat(size),
        internal: true,
      });
      assert.equal(added.status, 201);
    }
    const path = `/api/v1/projects/${projectId}/tickets/${iid}/notes?per_page=200`;
    const first = await desk.request(owner.token, 'GET', path);
    const fit = Math.floor(NOTES_PAGE_BYTES / size);
    assert.equal(first.body.length, fit);
    assert.ok(Number(first.headers['content-length']) < NOTES_PAGE_BYTES + 100_000, `${first.headers['content-length']} bytes`);
    const rest = await desk.request(owner.token, 'GET', `${path}&cursor=${first.headers['x-next-cursor']}`);
    assert.deepEqual(
      [...first.body, ...rest.body].map((n: { body: string }) => n.body[0]),
      ['0', '1', '2', '3', '4', '5'],
    );
    assert.equal(rest.headers['x-next-cursor'], undefined);
  });
});
