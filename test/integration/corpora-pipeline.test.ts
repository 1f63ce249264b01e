// Every real mail of ../shared/corpora through the real pipeline (issue 10), as a new mail to a project's
// service desk address and as a reply through a ticket's reply key: each ends visible — `processed` with its
// ticket or note there, or `ignored` for the reason its category expects — and none stays `received` or fails.
// Each file gets a project of its own: 41 GitLab fixtures share one Message-ID and several differ only in
// headers that do not make another mail (content-sha256.ts), so in one project they would be duplicates.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CORPORA, corpusSkip } from '../helpers/corpora.ts';
import { inProcessMail, type Outcome } from '../helpers/in-process-mail.ts';
import { startTestApp, type TestApp, type TestUser } from '../helpers/test-app.ts';

const FOLDERS = ['gitlab_emails', 'mailparser_fixtures/fixtures'];
const skip = corpusSkip('corpora-pipeline.test.ts', ...FOLDERS);
const files = skip
  ? []
  : FOLDERS.flatMap((folder) =>
      readdirSync(join(CORPORA, folder))
        .filter((name) => name.endsWith('.eml'))
        .map((name) => join(folder, name)),
    );

/** Mail the screen ignores wherever it is sent, and the reason it gives (screen.ts). */
const SCREENED: Record<string, string> = {
  'auto_reply.eml': 'auto_submitted', // Auto-Submitted: auto-generated (RFC 3834)
  'attachment.eml': 'no_sender', // no From, Reply-To or Sender: no one to answer
  'mixed.eml': 'no_sender',
  'delivery-status.eml': 'bounce', // multipart/report, a bounce of no mail of ours (RFC 3464)
  'large_text.eml': 'bulk', // Precedence: bulk
};

/** Mail with nothing written above its quote (or nothing at all): as a reply it adds nothing (SD-50). */
const EMPTY_AS_REPLY = new Set([
  'dutch.eml',
  'no_content_reply.eml',
  'no_content_with_quote.eml',
  'service_desk_all_quoted.eml',
  'valid_new_issue_empty.eml',
  'valid_new_issue_with_only_quotes.eml',
  'valid_new_merge_request_no_description.eml',
  'valid_new_merge_request_no_subject.eml',
  'wrong_issue_incoming_email_token.eml',
  'wrong_merge_request_incoming_email_token.eml',
  'htmllargecallstack.eml',
]);

/** The mail as its writer would have sent it to `address`: its To header (folded lines too) replaced. */
function addressedTo(raw: Buffer, address: string): Buffer {
  const text = raw.toString('latin1');
  const headerEnd = text.search(/\r?\n\r?\n/);
  const head = text.slice(0, headerEnd < 0 ? text.length : headerEnd);
  const to = /^To:.*(?:\r?\n[ \t].*)*/im;
  const newHead = to.test(head) ? head.replace(to, `To: ${address}`) : `To: ${address}\r\n${head}`;
  return Buffer.from(newHead + text.slice(head.length), 'latin1');
}

describe('every corpus mail ends visible, as a new mail and as a reply', { skip }, () => {
  let t: TestApp;
  let owner: TestUser;
  let deliver: ReturnType<typeof inProcessMail>;

  before(async () => {
    t = await startTestApp();
    owner = await t.user();
    deliver = inProcessMail(t);
  });
  after(() => t.close());

  /** A project of its own, with one ticket opened by mail, and the reply address its thank-you gave. */
  async function projectWithTicket(): Promise<{ projectId: number; desk: string; replyAddress: string }> {
    const project = await t.project(owner);
    const desk = (await t.request(owner.token, 'GET', `/api/v1/projects/${project.id}/service_desk`)).body.service_desk_address as string;
    const opened = await deliver(Buffer.from(`From: base@example.com\r\nTo: ${desk}\r\nSubject: Base\r\n\r\nThe ticket to reply to.\r\n`), { to: [desk] });
    assert.equal(opened.state, 'processed', JSON.stringify(opened));
    const thankYou = await t.ctx.db.db
      .selectFrom('outbound_messages')
      .select('reply_to')
      .where('ticket_id', '=', opened.ticket_id)
      .where('kind', '=', 'thank_you')
      .executeTakeFirstOrThrow();
    return { projectId: project.id, desk, replyAddress: /<([^>]+)>/.exec(thankYou.reply_to ?? '')![1]! };
  }

  /** Processed mail shows through the API: its ticket, and for a reply its note. */
  async function assertVisible(projectId: number, outcome: Outcome) {
    const ticket = await t.ctx.db.db.selectFrom('tickets').select('iid').where('id', '=', outcome.ticket_id).executeTakeFirstOrThrow();
    const shown = await t.request(owner.token, 'GET', `/api/v1/projects/${projectId}/tickets/${ticket.iid}`);
    assert.equal(shown.status, 200, JSON.stringify(shown.body));
    if (outcome.note_id === null) return;
    const notes = await t.request(owner.token, 'GET', `/api/v1/projects/${projectId}/tickets/${ticket.iid}/notes?per_page=100`);
    assert.ok(
      notes.body.some((note: { id: number }) => note.id === outcome.note_id),
      `note ${outcome.note_id} is on ticket ${ticket.iid}`,
    );
  }

  it('reads every mail of the corpora (76 GitLab fixtures, 10 mailparser ones)', () => {
    assert.equal(files.length, 86, files.join(', '));
  });

  for (const file of files) {
    const name = basename(file);
    it(file, async () => {
      const raw = readFileSync(join(CORPORA, file));
      const { projectId, desk, replyAddress } = await projectWithTicket();
      const screened = SCREENED[name];

      const asNew = await deliver(raw, { to: [desk] });
      if (screened) assert.match(asNew.reason ?? '', new RegExp(`^${screened}:`), `new: ${JSON.stringify(asNew)}`);
      else {
        assert.equal(asNew.state, 'processed', `new: ${JSON.stringify(asNew)}`);
        await assertVisible(projectId, asNew);
      }

      const asReply = await deliver(addressedTo(raw, replyAddress), { to: [replyAddress] });
      if (screened) assert.match(asReply.reason ?? '', new RegExp(`^${screened}:`), `reply: ${JSON.stringify(asReply)}`);
      else if (EMPTY_AS_REPLY.has(name)) assert.match(asReply.reason ?? '', /^empty_reply:/, `reply: ${JSON.stringify(asReply)}`);
      else {
        assert.equal(asReply.state, 'processed', `reply: ${JSON.stringify(asReply)}`);
        assert.equal(asReply.matched_by, 'reply_key', `reply: ${JSON.stringify(asReply)}`);
        await assertVisible(projectId, asReply);
      }
    });
  }
});
