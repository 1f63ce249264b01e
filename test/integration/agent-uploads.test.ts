// Agent attachments (issue 7, "Composer"): POST /projects/:id/uploads stores a file that only its uploader
// can read until a note of theirs names it in attachment_ids; a public comment then mails it to the
// participants as a real MIME attachment, an internal note mails nothing. Someone else's upload, an upload
// of another project, or one already used is refused (400). The caller is checked before the body is read.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { openTicketFromEmail } from '../../src/app/inbound/open-ticket-from-email.ts';
import { receiveInboundMessage } from '../../src/app/inbound/receive-inbound-message.ts';
import { addProjectMember } from '../../src/app/members/change-project-member.ts';
import { updateTicket } from '../../src/app/tickets/update-ticket.ts';
import { SYSTEM_ACTOR } from '../../src/domain/actor.ts';
import type { JobRow } from '../../src/db/schema/jobs.ts';
import type { ProjectRow } from '../../src/db/schema/projects.ts';
import { deliverJobHandler } from '../../src/mail/outbound/deliver-job.ts';
import { startTestApp, uniqueName, type TestApp, type TestUser } from '../helpers/test-app.ts';

const CUSTOMER = 'user@example.com';
const MAX = 64 * 1024;
/** Bytes that would break a careless parser: NUL, CRLF, a dash line, non-UTF-8. */
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\r\n--\r\n'), Buffer.from([0, 255, 254, 13, 10]), Buffer.alloc(3000, 7)]);

async function multipart(file: { name: string; type: string; content: Buffer }): Promise<{ payload: Buffer; contentType: string }> {
  const form = new FormData();
  form.append('file', new Blob([file.content], { type: file.type }), file.name);
  const response = new Response(form);
  return { payload: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get('content-type')! };
}

describe('agent uploads', () => {
  let t: TestApp;
  let owner: TestUser;
  let reporter: TestUser;
  let guest: TestUser;
  let project: ProjectRow;
  let other: ProjectRow;
  let iid: number;
  let ticketId: number;

  async function upload(user: TestUser | null, projectId: number, file = { name: 'invoice.pdf', type: 'application/pdf', content: PDF }) {
    const { payload, contentType } = await multipart(file);
    const response = await t.http.inject({
      method: 'POST',
      url: `/api/v1/projects/${projectId}/uploads`,
      headers: { 'content-type': contentType, ...(user && { authorization: `Bearer ${user.token}` }) },
      payload,
    });
    return { status: response.statusCode, body: response.json() };
  }

  const note = (user: TestUser, body: Record<string, unknown>) => t.request(user.token, 'POST', `/api/v1/projects/${project.id}/tickets/${iid}/notes`, body);
  const mailsOf = (noteId: number) => t.ctx.db.db.selectFrom('outbound_messages').selectAll().where('note_id', '=', noteId).execute();

  before(async () => {
    t = await startTestApp({ env: { MAX_MESSAGE_BYTES: String(MAX) } });
    owner = await t.user();
    project = await t.project(owner);
    other = await t.project(owner);
    reporter = await t.member(project, { level: 20 });
    guest = await t.member(project, { level: 10 });
    await addProjectMember(t.ctx, SYSTEM_ACTOR, String(other.id), reporter.user.id, 20);
    const raw = Buffer.from(
      `From: ${CUSTOMER}\r\nTo: desk@postdesk.test\r\nSubject: Invoice\r\nMessage-ID: <${uniqueName('m')}@c.example>\r\n\r\nWhere is it?\r\n`,
    );
    const { id } = await receiveInboundMessage(t.ctx, { raw, channel: 'smtp', envelopeFrom: CUSTOMER, envelopeTo: ['desk@postdesk.test'] });
    ({ iid, ticketId } = await openTicketFromEmail(t.ctx, project.id, {
      inboundMessageId: id,
      rawSha256: uniqueName('sha'),
      contentSha256: uniqueName('content'),
      summary: { message_id: null, from_address: CUSTOMER, to_addresses: [], subject: 'Invoice' },
      messageId: null,
      subject: 'Invoice',
      sender: CUSTOMER,
      cc: [],
      recipients: [],
      body: 'Where is it?',
      bodyIsEmpty: false,
      files: [],
      matchedBy: 'project_key',
    }));
    await updateTicket(t.ctx, SYSTEM_ACTOR, String(project.id), iid, { confidential: false });
  });
  after(() => t.close());

  it('stores the file and answers the attachment view; only the uploader reads it back until it is used', async () => {
    const made = await upload(reporter, project.id);
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.deepEqual(Object.keys(made.body).sort(), ['content_type', 'filename', 'id', 'size', 'url']);
    assert.equal(made.body.filename, 'invoice.pdf');
    assert.equal(made.body.content_type, 'application/pdf');
    assert.equal(made.body.size, PDF.length);
    assert.equal(made.body.url, `${t.ctx.config.publicUrl}/api/v1/attachments/${made.body.id}`);
    const mine = await t.http.inject({ method: 'GET', url: `/api/v1/attachments/${made.body.id}`, headers: { authorization: `Bearer ${reporter.token}` } });
    assert.equal(mine.statusCode, 200);
    assert.deepEqual(mine.rawPayload, PDF, 'byte for byte');
    for (const someone of [owner, guest]) {
      const theirs = await t.request(someone.token, 'GET', `/api/v1/attachments/${made.body.id}`);
      assert.equal(theirs.status, 404, 'nobody else reads an unused upload');
    }
  });

  it('a public comment carries its uploads: in the note, and as real MIME attachments of the mail to the customer', async () => {
    const made = await upload(reporter, project.id);
    const posted = await note(reporter, { body: 'Here is your invoice.', attachment_ids: [made.body.id] });
    assert.equal(posted.status, 201, JSON.stringify(posted.body));
    assert.deepEqual(
      posted.body.attachments.map((a: any) => [a.id, a.filename]),
      [[made.body.id, 'invoice.pdf']],
    );
    const listed = (await t.request(guest.token, 'GET', `/api/v1/projects/${project.id}/tickets/${iid}/notes?per_page=100`)).body;
    assert.deepEqual(
      listed.find((n: any) => n.id === posted.body.id).attachments.map((a: any) => a.id),
      [made.body.id],
    );
    assert.equal((await t.request(guest.token, 'GET', `/api/v1/attachments/${made.body.id}`)).status, 200, 'now readable as the note is');

    const [mail, ...more] = await mailsOf(posted.body.id);
    assert.ok(mail, 'the comment is mailed to the customer');
    assert.equal(more.length, 0);
    assert.equal(mail.to_address, CUSTOMER);
    await deliverJobHandler(t.ctx).run({ outboundMessageId: mail.id }, {} as JobRow);
    const kept = await t.ctx.db.db.selectFrom('outbound_messages').select(['state', 'raw']).where('id', '=', mail.id).executeTakeFirstOrThrow();
    assert.equal(kept.state, 'kept');
    const parsed = await simpleParser(kept.raw!);
    assert.match(String(parsed.headers.get('content-type') && (parsed.headers.get('content-type') as any).value), /^multipart\/mixed$/);
    assert.equal(parsed.attachments.length, 1);
    assert.equal(parsed.attachments[0]!.filename, 'invoice.pdf');
    assert.equal(parsed.attachments[0]!.contentType, 'application/pdf');
    assert.deepEqual(parsed.attachments[0]!.content, PDF);
    assert.match(parsed.text ?? '', /Here is your invoice\./);
  });

  it('an internal note keeps its upload inside: attached, never mailed, hidden below reporter', async () => {
    const made = await upload(reporter, project.id, { name: 'ledger.csv', type: 'text/csv', content: Buffer.from('a,b\n1,2\n') });
    const posted = await note(reporter, { body: 'They owe us.', internal: true, attachment_ids: [made.body.id] });
    assert.equal(posted.status, 201, JSON.stringify(posted.body));
    assert.equal(posted.body.attachments[0].id, made.body.id);
    assert.equal((await mailsOf(posted.body.id)).length, 0, 'internal notes never mail');
    assert.equal((await t.request(guest.token, 'GET', `/api/v1/attachments/${made.body.id}`)).status, 404);
    assert.equal((await t.request(owner.token, 'GET', `/api/v1/attachments/${made.body.id}`)).status, 200);
  });

  it("refuses someone else's upload, another project's, one already used, or one that does not exist — and stores no note", async () => {
    const owners = await upload(owner, project.id);
    const elsewhere = await upload(reporter, other.id);
    const used = await upload(reporter, project.id);
    assert.deepEqual([owners.status, elsewhere.status, used.status], [201, 201, 201]);
    assert.equal((await note(reporter, { body: 'first', attachment_ids: [used.body.id] })).status, 201);
    for (const [why, ids] of [
      ["the owner's upload", [owners.body.id]],
      ["another project's upload", [elsewhere.body.id]],
      ['an upload already attached', [used.body.id]],
      ['no such upload', [987654]],
    ] as const) {
      const body = uniqueName('refused ');
      const refused = await note(reporter, { body, attachment_ids: ids });
      assert.equal(refused.status, 400, `${why}: ${JSON.stringify(refused.body)}`);
      assert.equal(refused.body.error, 'invalid');
      assert.ok(refused.body.details?.attachment_ids, `${why}: names the field`);
      const stored = await t.ctx.db.db.selectFrom('notes').select('id').where('ticket_id', '=', ticketId).where('body', '=', body).execute();
      assert.equal(stored.length, 0, `${why}: no note stored`);
    }
    const ownersRow = await t.ctx.db.db.selectFrom('attachments').select('note_id').where('id', '=', owners.body.id).executeTakeFirstOrThrow();
    assert.equal(ownersRow.note_id, null, "the owner's upload stays theirs");
  });

  it('a note of only quick actions takes no attachments', async () => {
    const made = await upload(reporter, project.id);
    const refused = await note(reporter, { body: '/label billing', attachment_ids: [made.body.id] });
    assert.equal(refused.status, 400, JSON.stringify(refused.body));
  });

  it('checks the caller before reading the body: no token is 401 even for a body over the limit; with one it is 413', async () => {
    const big = { name: 'big.bin', type: 'application/octet-stream', content: Buffer.alloc(MAX + 1) };
    const anonymous = await upload(null, project.id, big);
    assert.equal(anonymous.status, 401, JSON.stringify(anonymous.body));
    const tooLarge = await upload(reporter, project.id, big);
    assert.equal(tooLarge.status, 413, JSON.stringify(tooLarge.body));
    assert.equal(tooLarge.body.error, 'too_large');
  });

  it('refuses a body without a file, an empty file, and JSON', async () => {
    const empty = await upload(reporter, project.id, { name: 'empty.txt', type: 'text/plain', content: Buffer.alloc(0) });
    assert.equal(empty.status, 400, JSON.stringify(empty.body));
    const json = await t.request(reporter.token, 'POST', `/api/v1/projects/${project.id}/uploads`, { file: 'x' });
    assert.equal(json.status, 400, JSON.stringify(json.body));
    const form = new FormData();
    form.append('file', 'just text');
    const response = new Response(form);
    const text = await t.http.inject({
      method: 'POST',
      url: `/api/v1/projects/${project.id}/uploads`,
      headers: { 'content-type': response.headers.get('content-type')!, authorization: `Bearer ${reporter.token}` },
      payload: Buffer.from(await response.arrayBuffer()),
    });
    assert.equal(text.statusCode, 400, text.body);
  });

  it('leaves the one-click unsubscribe POST (multipart, body dropped) as it was', async () => {
    const form = new FormData();
    form.append('List-Unsubscribe', 'One-Click');
    const response = new Response(form);
    const answered = await t.http.inject({
      method: 'POST',
      url: '/-/unsubscribe/0123456789abcdef0123456789abcdef',
      headers: { 'content-type': response.headers.get('content-type')! },
      payload: Buffer.from(await response.arrayBuffer()),
    });
    assert.equal(answered.statusCode, 404, 'an unknown key, answered as a page: the body was accepted and dropped');
    assert.match(String(answered.headers['content-type']), /^text\/html/);
  });
});
