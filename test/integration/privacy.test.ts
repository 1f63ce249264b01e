// Customers' addresses below reporter (SD-86, SD-87, SD-88): whoever may read a non-confidential ticket
// but is not a reporter sees every external address deformed as `us*****@e*****.c**` — the external
// author, the participants, and addresses inside text (the title, the description, system notes) — in every
// response; reporters and up (and instance admins) see them in clear. The expectations are written
// here by hand, not computed with obfuscateEmail.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { addReplyFromEmail } from '../../src/app/inbound/add-reply-from-email.ts';
import type { EmailContent } from '../../src/app/inbound/email-content.ts';
import { openTicketFromEmail } from '../../src/app/inbound/open-ticket-from-email.ts';
import { receiveInboundMessage } from '../../src/app/inbound/receive-inbound-message.ts';
import { addProjectMember } from '../../src/app/members/change-project-member.ts';
import { addParticipant } from '../../src/app/tickets/manage-participants.ts';
import { updateTicket } from '../../src/app/tickets/update-ticket.ts';
import { SYSTEM_ACTOR } from '../../src/domain/actor.ts';
import type { ProjectRow } from '../../src/db/schema/projects.ts';
import { startTestApp, uniqueName, type TestApp, type TestUser } from '../helpers/test-app.ts';

const CUSTOMER = 'user@example.com';
const CUSTOMER_MASKED = 'us*****@e*****.c**';
const COLLEAGUE = 'carol@customer.org';
const COLLEAGUE_MASKED = 'ca*****@c*****.o**';
const DESK = 'support@postdesk.test';
/** Named in the subject, so in the ticket's title. */
const BOSS = 'bob.smith@bigcorp.com';
const BOSS_MASKED = 'bo*****@b*****.c**';
const SUBJECT = `Printer on fire, cc ${BOSS}`;

// Members of an internal project, so that a signed-in non-member reads its non-confidential tickets too.
const ROLES = ['non_member', 'guest', 'reporter', 'developer', 'maintainer', 'owner', 'admin'] as const;
type Role = (typeof ROLES)[number];
const LEVEL: Partial<Record<Role, number>> = { guest: 10, reporter: 20, developer: 30, maintainer: 40 };

// prettier-ignore
const SEES_ADDRESSES: Record<Role, boolean> = {
  non_member: false,
  guest: false,
  reporter: true,
  developer: true,
  maintainer: true,
  owner: true,
  admin: true,
};

describe('privacy: external addresses are masked below reporter (SD-87)', () => {
  let t: TestApp;
  let users: Record<Role, TestUser>;
  let project: ProjectRow;
  let iid: number;
  let ticketId: number;

  /** A customer's mail, stored as receivers store it, and what the ingest job would hand the use case. */
  async function customerMail(subject: string, body: string, matchedBy: string): Promise<EmailContent> {
    const messageId = `<${uniqueName('m')}@customer.example>`;
    const raw = Buffer.from(
      [
        `From: Customer <${CUSTOMER}>`,
        `To: ${DESK}`,
        `Cc: ${COLLEAGUE}`,
        `Subject: ${subject}`,
        `Message-ID: ${messageId}`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        body,
        '',
      ].join('\r\n'),
    );
    const { id } = await receiveInboundMessage(t.ctx, { raw, channel: 'smtp', envelopeFrom: CUSTOMER, envelopeTo: [DESK] });
    return {
      inboundMessageId: id,
      rawSha256: createHash('sha256').update(raw).digest('hex'),
      contentSha256: createHash('sha256').update(raw).digest('hex'),
      summary: { message_id: messageId, from_address: CUSTOMER, to_addresses: [DESK], subject },
      messageId,
      subject,
      sender: CUSTOMER,
      cc: [COLLEAGUE],
      recipients: [DESK, COLLEAGUE],
      body,
      bodyIsEmpty: false,
      files: [],
      matchedBy,
    };
  }

  before(async () => {
    t = await startTestApp();
    const made = await Promise.all(
      ROLES.map(async (role) => [role, await t.user({ admin: role === 'admin', username: uniqueName(`${role.replace('_', '')}-`) })] as const),
    );
    users = Object.fromEntries(made) as Record<Role, TestUser>;
    project = await t.project(users.owner, { visibility: 'internal' });
    for (const [role, level] of Object.entries(LEVEL) as Array<[Role, number]>)
      await addProjectMember(t.ctx, SYSTEM_ACTOR, String(project.id), users[role].user.id, level);

    // A ticket from the customer's mail (the customer its external author and first participant), a
    // colleague added as a participant (with a system note naming her), and a reply from the customer.
    const opened = await openTicketFromEmail(t.ctx, project.id, await customerMail(SUBJECT, `It burns. Call me back, or write to ${CUSTOMER}.`, 'project_key'));
    ({ iid, ticketId } = opened);
    await updateTicket(t.ctx, SYSTEM_ACTOR, String(project.id), iid, { confidential: false });
    await addParticipant(t.ctx, { kind: 'user', userId: users.owner.user.id, admin: false }, String(project.id), iid, COLLEAGUE);
    await addReplyFromEmail(t.ctx, ticketId, await customerMail(`Re: ${SUBJECT}`, 'Still burning.', 'reply_key'));
  });
  after(() => t.close());

  const get = async (role: Role, path: string) => {
    const response = await t.request(users[role].token, 'GET', `/api/v1/projects/${project.id}/tickets${path}`);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return response.body;
  };

  /** Below reporter, no clear address anywhere in the response; from reporter up, they are there. */
  function assertNoClearAddress(role: Role, body: unknown) {
    const text = JSON.stringify(body);
    for (const address of [CUSTOMER, COLLEAGUE, BOSS]) {
      if (!SEES_ADDRESSES[role]) assert.ok(!text.includes(address), `${role} is shown ${address} in ${text}`);
    }
  }

  it('the ticket is not confidential, so every role below reads it', async () => {
    const row = await t.ctx.db.db.selectFrom('tickets').select(['confidential', 'external_author']).where('id', '=', ticketId).executeTakeFirstOrThrow();
    assert.equal(row.confidential, 0);
    assert.equal(row.external_author, CUSTOMER);
  });

  for (const role of ROLES) {
    const clear = SEES_ADDRESSES[role];
    describe(`${role}: ${clear ? 'in clear' : 'masked'}`, () => {
      it('GET …/tickets/:iid: external_author, participants, title, description', async () => {
        const ticket = await get(role, `/${iid}`);
        assert.equal(ticket.title, `Printer on fire, cc ${clear ? BOSS : BOSS_MASKED}`);
        assert.equal(ticket.external_author, clear ? CUSTOMER : CUSTOMER_MASKED);
        assert.deepEqual(
          ticket.participants,
          (clear ? [CUSTOMER, COLLEAGUE] : [CUSTOMER_MASKED, COLLEAGUE_MASKED]).map((email) => ({ email, bouncing: null })),
        );
        assert.equal(ticket.description, `It burns. Call me back, or write to ${clear ? CUSTOMER : CUSTOMER_MASKED}.`);
        assertNoClearAddress(role, ticket);
      });

      it('GET …/tickets: the same ticket in the queue', async () => {
        const list = await get(role, '?state=all');
        const ticket = list.find((x: any) => x.id === ticketId);
        assert.ok(ticket, 'listed');
        assert.equal(ticket.external_author, clear ? CUSTOMER : CUSTOMER_MASKED);
        assert.equal(ticket.title, `Printer on fire, cc ${clear ? BOSS : BOSS_MASKED}`);
        assert.deepEqual(
          ticket.participants.map((p: any) => p.email),
          clear ? [CUSTOMER, COLLEAGUE] : [CUSTOMER_MASKED, COLLEAGUE_MASKED],
        );
        assertNoClearAddress(role, list);
      });

      it('GET …/participants', async () => {
        const list = await get(role, `/${iid}/participants`);
        assert.deepEqual(list, clear ? [{ email: CUSTOMER }, { email: COLLEAGUE }] : [{ email: CUSTOMER_MASKED }, { email: COLLEAGUE_MASKED }]);
      });

      it('GET …/notes: the reply’s external_author and the system note naming a participant', async () => {
        const notes = await get(role, `/${iid}/notes?per_page=100`);
        const reply = notes.find((n: any) => !n.system && n.body.startsWith('Still burning'));
        assert.ok(reply, JSON.stringify(notes));
        assert.equal(reply.external_author, clear ? CUSTOMER : CUSTOMER_MASKED);
        const added = notes.find((n: any) => n.system && n.body.startsWith('added '));
        assert.ok(added, JSON.stringify(notes));
        assert.equal(added.body, `added ${clear ? COLLEAGUE : COLLEAGUE_MASKED}`);
        assertNoClearAddress(role, notes);
      });
    });
  }
});
