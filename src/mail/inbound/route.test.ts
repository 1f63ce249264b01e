// routeMessage: the routing ladder (DESIGN §2) over GitLab's fixtures and hand-built mail, with the lookups
// answered by an in-memory fake of RoutingLookups (the seam route.ts offers; no database).
// Like GitLab's own specs, the fixtures' placeholders (`project_id`, `project_slug`, `project_key`) are
// replaced in memory before parsing; the files on disk are never touched.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CORPORA, corpusSkip } from '../../../test/helpers/corpora.ts';
import { addressTemplateMatcher } from '../../domain/address-template.ts';
import { parseMessage } from './parse.ts';
import type { ParsedMessage } from './parsed-message.ts';
import { recipientAddresses, routeMessage, type RoutedProject, type RoutingLookups, type RoutingTemplates } from './route.ts';

const skip = corpusSkip('route.test.ts', 'gitlab_emails');
const _present = skip === false;
const GITLAB = join(CORPORA, 'gitlab_emails');

// ---- the world the fake answers from ----------------------------------------------------------------

const REPLY_KEY = '59d8df8370b7e95c5a49fbf86aeb2c93'; // the key of GitLab's reply fixtures
const OTHER_KEY = '0123456789abcdef0123456789abcdef';
const EMAIL_TEST: RoutedProject = { id: 7, path: 'email/test', enabled: true, customEmail: null }; // slug email-test
const GITLABHQ: RoutedProject = { id: 8, path: 'gitlabhq/gitlabhq', enabled: true, customEmail: null }; // slug gitlabhq-gitlabhq

interface World {
  projects?: { project: RoutedProject; projectKey?: string; customEmail?: string; extraAddresses?: { key: string; labels: string[] }[] }[];
  replyKeys?: Record<string, { ticketId: number; email: string }>;
  /** Tickets by the Message-ID of the mail that opened them. */
  originals?: { projectId: number; messageId: string; ticketId: number }[];
}

/** An in-memory RoutingLookups: the same questions the database answers, over plain arrays. */
function fakeLookups(world: World): RoutingLookups {
  // Each project's row carries its custom address, as the database's does.
  const projects = (world.projects ?? []).map((p) => ({ ...p, project: { ...p.project, customEmail: p.customEmail ?? null } }));
  return {
    replyKey: async (key) => world.replyKeys?.[key],
    projectById: async (id) => projects.find((p) => p.project.id === id)?.project,
    projectsByKey: async (projectKey) => projects.filter((p) => p.projectKey === projectKey).map((p) => p.project),
    projectByPath: async (path) => projects.find((p) => p.project.path.toLowerCase() === path.toLowerCase())?.project,
    projectByCustomEmail: async (address) => projects.find((p) => p.customEmail === address)?.project,
    projectsByExtraAddress: async (key) =>
      projects.flatMap((p) => (p.extraAddresses ?? []).filter((a) => a.key === key).map((a) => ({ project: p.project, labels: a.labels }))),
    ticketByOriginalMessageId: async (projectId, messageId) => world.originals?.find((o) => o.projectId === projectId && o.messageId === messageId)?.ticketId,
  };
}

const WORLD: World = {
  projects: [{ project: EMAIL_TEST, projectKey: 'mykey' }, { project: GITLABHQ }],
  replyKeys: { [REPLY_KEY]: { ticketId: 101, email: 'jake@adventuretime.ooo' }, [OTHER_KEY]: { ticketId: 202, email: 'finn@adventuretime.ooo' } },
};

const templates = (incoming: string, alias: string | null = null, replyHost = 'localhost'): RoutingTemplates => ({
  incoming: addressTemplateMatcher(incoming),
  alias: alias === null ? null : addressTemplateMatcher(alias),
  replyHost,
});
/** The Service Desk fixtures: GitLab's specs use this template, and `support+%{key}@example.com` as the alias. */
const SERVICE_DESK = templates('incoming+%{key}@appmail.adventuretime.ooo', 'support+%{key}@example.com');
/** The reply-by-email fixtures are addressed to `reply+<key>@appmail.adventuretime.ooo`. */
const REPLIES = templates('reply+%{key}@appmail.adventuretime.ooo');
/** The Envelope-To / Received fixtures use `appmail.example.com`. */
const EXAMPLE = templates('incoming+%{key}@appmail.example.com');

const route = (message: ParsedMessage, tpl: RoutingTemplates, world: World = WORLD, envelopeTo: string[] = []) =>
  routeMessage(message, envelopeTo, tpl, fakeLookups(world));

// ---- messages ---------------------------------------------------------------------------------------

const PLACEHOLDERS = { project_id: '7', project_slug: 'email-test', project_key: 'mykey' };

/** A GitLab fixture with its placeholders filled in (as upstream's `service_desk_fixture` does). */
async function fixture(name: string, replacements: Record<string, string> = PLACEHOLDERS): Promise<ParsedMessage> {
  let text = readFileSync(join(GITLAB, name)).toString('latin1'); // latin1 keeps every byte as it was
  for (const [placeholder, value] of Object.entries(replacements)) text = text.replaceAll(placeholder, value);
  return parseMessage(Buffer.from(text, 'latin1'));
}

/** A hand-built mail from a customer with the given extra headers. */
const mail = (...headers: string[]) =>
  parseMessage(
    Buffer.from([...headers, 'From: Customer <customer@example.com>', 'Subject: Help', 'Message-ID: <hand@example.com>', '', 'Hello.', ''].join('\r\n')),
  );

/** SD-14's recipient headers; `only` keeps one of them (or none) so a test sees what that header alone does. */
const RECIPIENT_HEADERS = ['to', 'delivered-to', 'x-delivered-to', 'envelope-to', 'x-envelope-to', 'received', 'x-original-to', 'x-forwarded-to', 'cc'];
const only = (message: ParsedMessage, keep: string | null): ParsedMessage => ({
  ...message,
  headers: message.headers.filter((h) => !RECIPIENT_HEADERS.includes(h.name) || h.name === keep),
  to: keep === 'to' ? message.to : [],
  cc: keep === 'cc' ? message.cc : [],
});

// ---- tests ------------------------------------------------------------------------------------------

describe('SD-14: a key is found in each accepted header on its own', () => {
  const headerLine = (name: string, address: string) =>
    name === 'Received'
      ? `Received: from mx.example.net by relay.example.com with ESMTP id 1 for <${address}>; Mon, 1 Jan 2024 00:00:00 +0000`
      : `${name}: Somebody <${address}>`;
  for (const name of ['To', 'Delivered-To', 'X-Delivered-To', 'Envelope-To', 'X-Envelope-To', 'Received', 'X-Original-To', 'X-Forwarded-To', 'Cc']) {
    it(`${name}: a reply key, then a project key`, async () => {
      const reply = await mail(headerLine(name, `incoming+${REPLY_KEY}@appmail.adventuretime.ooo`));
      assert.deepEqual(await route(reply, SERVICE_DESK), { kind: 'reply', ticketId: 101, matchedBy: 'reply_key' });
      const open = await mail(headerLine(name, 'incoming+email-test-7-issue-@appmail.adventuretime.ooo'));
      assert.deepEqual(await route(open, SERVICE_DESK), { kind: 'open', projectId: 7, matchedBy: 'project_key' });
    });
  }

  it('Reply-To, From, Sender and Bcc are not recipient headers: our address there routes nothing', async () => {
    for (const name of ['Reply-To', 'Sender', 'Bcc', 'X-Original-Recipient']) {
      const message = await mail(`${name}: <incoming+${REPLY_KEY}@appmail.adventuretime.ooo>`);
      assert.deepEqual(await route(message, SERVICE_DESK), { kind: 'ignore', reason: 'unknown_address' }, name);
    }
  });

  it('To: valid_reply.eml with only its To header', { skip }, async () => {
    const message = only(await fixture('valid_reply.eml'), 'to');
    assert.deepEqual(await route(message, REPLIES), { kind: 'reply', ticketId: 101, matchedBy: 'reply_key' });
  });

  it('Delivered-To: service_desk_forwarded.eml, forwarded from a mailbox that matches no template', { skip }, async () => {
    const message = await fixture('service_desk_forwarded.eml');
    assert.deepEqual(message.to, ['support@adventuretime.ooo']);
    assert.deepEqual(await route(only(message, 'delivered-to'), SERVICE_DESK), { kind: 'open', projectId: 7, matchedBy: 'project_key' });
  });

  for (const [name, header] of [
    ['envelope_to_header.eml', 'envelope-to'],
    ['envelope_to_header_with_angle_brackets.eml', 'envelope-to'],
    ['x_envelope_to_header.eml', 'x-envelope-to'],
  ] as const) {
    it(`${header}: ${name} yields GitLab's key, which Postdesk does not serve, then falls through to Received`, { skip }, async () => {
      const message = await fixture(name);
      const [to, envelope] = recipientAddresses(message, []);
      assert.deepEqual(to, { address: 'support@example.com', header: 'to' });
      assert.deepEqual(envelope, { address: 'incoming+gitlabhq/gitlabhq+auth_token@appmail.example.com', header });
      // What GitLab's receiver spec expects as the mail key (SD-07, brackets or not).
      assert.equal(EXAMPLE.incoming.keyOf(envelope!.address), 'gitlabhq/gitlabhq+auth_token');
      // `path+token` is GitLab's per-user "new issue by email" address, not a Service Desk key (SD-06 has no `+`).
      assert.deepEqual(await route(only(message, header), EXAMPLE), { kind: 'ignore', reason: 'unknown_address' });
      // The ladder then reads the Received clauses; the second names `incoming+gitlabhq/gitlabhq@appmail…`.
      assert.deepEqual(await route(message, EXAMPLE), { kind: 'open', projectId: 8, matchedBy: 'project_key' });
    });
  }

  it('Received: missing_delivered_to_header.eml, a folded clause, first match first (SD-15)', { skip }, async () => {
    const message = await fixture('missing_delivered_to_header.eml');
    const received = recipientAddresses(message, [])
      .filter((r) => r.header === 'received')
      .map((r) => r.address);
    assert.deepEqual(received, ['incoming+gitlabhq/gitlabhq+auth_token@appmail.example.com', 'incoming+gitlabhq/gitlabhq@example.com']);
    assert.equal(EXAMPLE.incoming.keyOf(received[0]!), 'gitlabhq/gitlabhq+auth_token');
  });

  it('Received: service_desk.eml with only its Received headers routes by the first matching clause', { skip }, async () => {
    const message = only(await fixture('service_desk.eml'), 'received');
    const received = recipientAddresses(message, []).map((r) => r.address);
    assert.deepEqual(received, ['incoming+gitlabhq/gitlabhq@appmail.adventuretime.ooo', 'incoming+email-test-7-issue-@appmail.adventuretime.ooo']);
    assert.deepEqual(await route(message, SERVICE_DESK), { kind: 'open', projectId: 8, matchedBy: 'project_key' });
  });

  it('X-Forwarded-To: the custom-address verification mail, forwarded to the project address', { skip }, async () => {
    const message = only(await fixture('service_desk_custom_email_address_verification.eml'), 'x-forwarded-to');
    assert.deepEqual(await route(message, templates('support+%{key}@example.com')), { kind: 'open', projectId: 7, matchedBy: 'project_key' });
  });
});

describe('SD-14: order', () => {
  it('To wins over Delivered-To when they name different tickets', async () => {
    const message = await mail(`Delivered-To: incoming+${OTHER_KEY}@appmail.adventuretime.ooo`, `To: incoming+${REPLY_KEY}@appmail.adventuretime.ooo`);
    assert.deepEqual(await route(message, SERVICE_DESK), { kind: 'reply', ticketId: 101, matchedBy: 'reply_key' });
  });

  it('To wins over Delivered-To when they name different projects', async () => {
    const message = await mail(
      'Delivered-To: incoming+gitlabhq/gitlabhq@appmail.adventuretime.ooo',
      'To: incoming+email-test-7-issue-@appmail.adventuretime.ooo',
    );
    assert.deepEqual(await route(message, SERVICE_DESK), { kind: 'open', projectId: 7, matchedBy: 'project_key' });
  });

  it('To wins over the Received clauses in service_desk.eml', { skip }, async () => {
    assert.deepEqual(await route(await fixture('service_desk.eml'), SERVICE_DESK), { kind: 'open', projectId: 7, matchedBy: 'project_key' });
  });

  it('the SMTP envelope comes before every header', async () => {
    const message = await mail(`To: incoming+${REPLY_KEY}@appmail.adventuretime.ooo`);
    const decision = await route(message, SERVICE_DESK, WORLD, [`incoming+${OTHER_KEY}@appmail.adventuretime.ooo`]);
    assert.deepEqual(decision, { kind: 'reply', ticketId: 202, matchedBy: 'reply_key' });
  });

  it('a reply key anywhere outranks a project key earlier in the order (the ladder, DESIGN §2)', async () => {
    const message = await mail('To: incoming+email-test-7-issue-@appmail.adventuretime.ooo', `Cc: incoming+${REPLY_KEY}@appmail.adventuretime.ooo`);
    assert.deepEqual(await route(message, SERVICE_DESK), { kind: 'reply', ticketId: 101, matchedBy: 'reply_key' });
  });
});

describe('SD-16: the References fallback', () => {
  it('replies through <reply-KEY@host> when the mail went to the bare mailbox', { skip }, async () => {
    const message = await fixture('reply_without_subaddressing_and_key_inside_references.eml');
    assert.deepEqual(message.to, ['reply@appmail.adventuretime.ooo']);
    assert.deepEqual(await route(message, SERVICE_DESK), { kind: 'reply', ticketId: 101, matchedBy: 'references' });
  });

  it('reads a References header that mixes spaces and commas', { skip }, async () => {
    const message = await fixture('reply_without_subaddressing_and_key_inside_references_with_a_comma.eml');
    assert.deepEqual(await route(message, SERVICE_DESK), { kind: 'reply', ticketId: 101, matchedBy: 'references' });
  });

  it('reads a References header sent as one quoted comma-joined string (Exchange, iOS Mail)', { skip }, async () => {
    const message = only(await fixture('valid_reply_with_references_in_comma.eml'), null);
    assert.deepEqual(await route(message, REPLIES), { kind: 'reply', ticketId: 101, matchedBy: 'references' });
  });

  it('hand-built: a comma-joined string whose reply id is not the first', async () => {
    const message = await mail('To: support@example.org', `References: "<CAxyz@mail.gmail.com>,<reply-${REPLY_KEY}@localhost>,<x@y>"`);
    assert.deepEqual(await route(message, SERVICE_DESK), { kind: 'reply', ticketId: 101, matchedBy: 'references' });
  });

  it('ignores reply ids of another host, and unknown keys', async () => {
    const otherHost = await mail('To: support@example.org', `References: <reply-${REPLY_KEY}@elsewhere.example>`);
    assert.deepEqual(await route(otherHost, SERVICE_DESK), { kind: 'ignore', reason: 'unknown_address' });
    const unknownKey = await mail('To: support@example.org', 'References: <reply-ffffffffffffffffffffffffffffffff@localhost>');
    assert.deepEqual(await route(unknownKey, SERVICE_DESK), { kind: 'ignore', reason: 'unknown_address' });
  });

  it('a References id from elsewhere routes nothing (service_desk_reference_headers.eml)', { skip }, async () => {
    assert.deepEqual(await route(await fixture('service_desk_reference_headers.eml'), SERVICE_DESK), { kind: 'ignore', reason: 'unknown_address' });
  });
});

describe('SD-55: a reply to the original mail', () => {
  const originalIn = async (projectId: number) => {
    const original = await fixture('service_desk.eml');
    return { ...WORLD, originals: [{ projectId, messageId: original.messageId!, ticketId: 55 }] };
  };

  it('In-Reply-To equal to the stored original Message-ID of the addressed project → a reply', { skip }, async () => {
    const reply = await fixture('service_desk_reply.eml');
    assert.deepEqual(await route(reply, SERVICE_DESK, await originalIn(7)), { kind: 'reply', ticketId: 55, matchedBy: 'in_reply_to' });
  });

  it('the same id stored in another project does not count', { skip }, async () => {
    const reply = await fixture('service_desk_reply.eml');
    assert.deepEqual(await route(reply, SERVICE_DESK, await originalIn(8)), { kind: 'open', projectId: 7, matchedBy: 'project_key' });
  });

  it('an unknown In-Reply-To opens a new ticket', { skip }, async () => {
    const reply = await fixture('service_desk_reply.eml');
    assert.equal(reply.inReplyTo.length, 1);
    assert.deepEqual(await route(reply, SERVICE_DESK), { kind: 'open', projectId: 7, matchedBy: 'project_key' });
  });

  it('a reply-all to a disabled service desk is ignored too (SD-05)', { skip }, async () => {
    const world = await originalIn(7);
    world.projects = [{ project: { ...EMAIL_TEST, enabled: false } }];
    const reply = await fixture('service_desk_reply.eml');
    assert.deepEqual(await route(reply, SERVICE_DESK, world), { kind: 'ignore', reason: 'service_desk_disabled', projectId: 7 });
  });
});

describe('SD-05, SD-06: the project key', () => {
  it('a stale slug after a rename → ignore project_not_found', { skip }, async () => {
    const world: World = { projects: [{ project: { ...EMAIL_TEST, path: 'email/renamed' } }] };
    assert.deepEqual(await route(await fixture('service_desk.eml'), SERVICE_DESK, world), { kind: 'ignore', reason: 'project_not_found' });
  });

  it('the current slug of a renamed project works', async () => {
    const world: World = { projects: [{ project: { ...EMAIL_TEST, path: 'Email/Renamed.Project' } }] };
    const message = await mail('To: incoming+email-renamed-project-7-issue-@appmail.adventuretime.ooo');
    assert.deepEqual(await route(message, SERVICE_DESK, world), { kind: 'open', projectId: 7, matchedBy: 'project_key' });
  });

  it('an id that names no project → ignore project_not_found', async () => {
    const message = await mail('To: incoming+email-test-999-issue-@appmail.adventuretime.ooo');
    assert.deepEqual(await route(message, SERVICE_DESK), { kind: 'ignore', reason: 'project_not_found' });
  });

  it('a disabled service desk → ignore service_desk_disabled', { skip }, async () => {
    const world: World = { projects: [{ project: { ...EMAIL_TEST, enabled: false } }] };
    assert.deepEqual(await route(await fixture('service_desk.eml'), SERVICE_DESK, world), { kind: 'ignore', reason: 'service_desk_disabled', projectId: 7 });
  });

  it('the legacy address incoming+group/project@host (service_desk_legacy.eml)', { skip }, async () => {
    const message = await fixture('service_desk_legacy.eml');
    assert.deepEqual(message.to, ['incoming+email/test@appmail.adventuretime.ooo']);
    assert.deepEqual(await route(message, SERVICE_DESK), { kind: 'open', projectId: 7, matchedBy: 'project_key' });
    const noSuchPath: World = { projects: [{ project: { ...EMAIL_TEST, path: 'email/other' } }] };
    assert.deepEqual(await route(message, SERVICE_DESK, noSuchPath), { kind: 'ignore', reason: 'project_not_found' });
  });

  it('the legacy path is matched case-insensitively', async () => {
    const message = await mail('To: incoming+Email/Test@appmail.adventuretime.ooo');
    assert.deepEqual(await route(message, SERVICE_DESK), { kind: 'open', projectId: 7, matchedBy: 'project_key' });
  });
});

describe('SD-08…SD-11: the alias mailbox', () => {
  it('<slug>-<project_key> in To (service_desk_custom_address.eml)', { skip }, async () => {
    const message = await fixture('service_desk_custom_address.eml');
    assert.deepEqual(message.to, ['support+email-test-mykey@example.com']);
    assert.deepEqual(await route(message, SERVICE_DESK), { kind: 'open', projectId: 7, matchedBy: 'alias' });
  });

  it('two projects share a key: the slug picks one (SD-10)', { skip }, async () => {
    const other: RoutedProject = { id: 9, path: 'other/proj', enabled: true, customEmail: null };
    const world: World = {
      projects: [
        { project: EMAIL_TEST, projectKey: 'mykey' },
        { project: other, projectKey: 'mykey' },
      ],
    };
    const message = await fixture('service_desk_custom_address.eml', { ...PLACEHOLDERS, project_slug: 'other-proj' });
    assert.deepEqual(await route(message, SERVICE_DESK, world), { kind: 'open', projectId: 9, matchedBy: 'alias' });
  });

  it('a project key nobody uses → ignore project_not_found', { skip }, async () => {
    const message = await fixture('service_desk_custom_address.eml', { ...PLACEHOLDERS, project_key: 'nokey' });
    assert.deepEqual(await route(message, SERVICE_DESK), { kind: 'ignore', reason: 'project_not_found' });
  });

  it('the -<id>-issue- form works on the alias too (service_desk_custom_address_no_key.eml)', { skip }, async () => {
    const message = await fixture('service_desk_custom_address_no_key.eml');
    assert.deepEqual(message.to, ['support+email-test-7-issue-@example.com']);
    assert.deepEqual(await route(message, SERVICE_DESK), { kind: 'open', projectId: 7, matchedBy: 'alias' });
  });

  it('<slug>-<project_key> means nothing on the main incoming address', async () => {
    const message = await mail('To: incoming+email-test-mykey@appmail.adventuretime.ooo');
    assert.deepEqual(await route(message, SERVICE_DESK), { kind: 'ignore', reason: 'unknown_address' });
  });

  it('the alias key is read from To only (SD-11): Cc, Delivered-To and the rest are not enough', async () => {
    for (const name of ['Cc', 'Delivered-To', 'Envelope-To', 'X-Envelope-To', 'X-Original-To']) {
      const message = await mail(`${name}: support+email-test-mykey@example.com`);
      assert.deepEqual(await route(message, SERVICE_DESK), { kind: 'ignore', reason: 'unknown_address' }, name);
    }
    const received = await mail('Received: by mx.example.com for <support+email-test-mykey@example.com>; Mon');
    assert.deepEqual(await route(received, SERVICE_DESK), { kind: 'ignore', reason: 'unknown_address' });
  });

  for (const [name, header] of [
    ['service_desk_custom_address_envelope_to.eml', 'envelope-to'],
    ['service_desk_custom_address_x_envelope_to.eml', 'x-envelope-to'],
    ['service_desk_custom_address_reply.eml', 'delivered-to'],
  ] as const) {
    it(`${name}: the alias in ${header} is not used; the incoming address in Received is`, { skip }, async () => {
      const message = await fixture(name);
      assert.ok(
        recipientAddresses(message, []).some((r) => r.header === header && r.address === 'support+email-test-mykey@example.com'),
        "recipientAddresses(message, []).some((r) => r.header === header && r.address === 'support+email-test-mykey@example.com')",
      );
      assert.deepEqual(await route(only(message, header), SERVICE_DESK), { kind: 'ignore', reason: 'unknown_address' });
      // Its first Received clause names `incoming+gitlabhq/gitlabhq@…`, a path no project has here: the
      // search goes on to the second, `incoming+email-test-7-issue-@…`.
      const world: World = { projects: [{ project: EMAIL_TEST, projectKey: 'mykey' }] };
      assert.deepEqual(await route(message, SERVICE_DESK, world), { kind: 'open', projectId: 7, matchedBy: 'project_key' });
    });
  }
});

describe('SD-56, SD-18: reply keys and unsubscribe', () => {
  it('an unknown 32-hex reply key → ignore unknown_reply_key (valid_reply.eml, nothing stored)', { skip }, async () => {
    assert.deepEqual(await route(await fixture('valid_reply.eml'), REPLIES, { projects: WORLD.projects }), { kind: 'ignore', reason: 'unknown_reply_key' });
  });

  it('the same mail with its key stored → a reply', { skip }, async () => {
    assert.deepEqual(await route(await fixture('valid_reply.eml'), REPLIES), { kind: 'reply', ticketId: 101, matchedBy: 'reply_key' });
  });

  it('an unknown key does not stop the search: a known key further down still wins', async () => {
    const message = await mail(
      `To: incoming+ffffffffffffffffffffffffffffffff@appmail.adventuretime.ooo`,
      `Cc: incoming+${REPLY_KEY}@appmail.adventuretime.ooo`,
    );
    assert.deepEqual(await route(message, SERVICE_DESK), { kind: 'reply', ticketId: 101, matchedBy: 'reply_key' });
  });

  it('a reply key in upper case is the same key', async () => {
    const message = await mail(`To: incoming+${REPLY_KEY.toUpperCase()}@appmail.adventuretime.ooo`);
    assert.deepEqual(await route(message, SERVICE_DESK), { kind: 'reply', ticketId: 101, matchedBy: 'reply_key' });
  });

  it('a key of no known shape is an unknown address (wrong_mail_key.eml: `QQ…` is not hex)', { skip }, async () => {
    assert.deepEqual(await route(await fixture('wrong_mail_key.eml'), REPLIES), { kind: 'ignore', reason: 'unknown_address' });
    const bangs = await mail('To: incoming+!!!@appmail.adventuretime.ooo');
    assert.deepEqual(await route(bangs, SERVICE_DESK), { kind: 'ignore', reason: 'unknown_address' });
  });

  it('<key>-unsubscribe → the unsubscribe decision, with the key holder', async () => {
    const message = await mail(`To: incoming+${REPLY_KEY}-unsubscribe@appmail.adventuretime.ooo`);
    assert.deepEqual(await route(message, SERVICE_DESK), { kind: 'unsubscribe', ticketId: 101, email: 'jake@adventuretime.ooo' });
  });

  it('an unknown key with -unsubscribe → ignore unknown_reply_key', async () => {
    const message = await mail('To: incoming+ffffffffffffffffffffffffffffffff-unsubscribe@appmail.adventuretime.ooo');
    assert.deepEqual(await route(message, SERVICE_DESK), { kind: 'ignore', reason: 'unknown_reply_key' });
  });
});

describe('unknown addresses and custom addresses', () => {
  it('an address that matches no template → ignore unknown_address', async () => {
    const message = await mail('To: someone@else.example', 'Cc: incoming+x@appmail.example.org');
    assert.deepEqual(await route(message, SERVICE_DESK), { kind: 'ignore', reason: 'unknown_address' });
  });

  it('corpus mail to other systems → ignore unknown_address', { skip }, async () => {
    for (const name of ['gmail_web.eml', 'android_gmail.eml', 'dutch.eml', 'valid_alert.eml']) {
      assert.deepEqual(await route(await fixture(name), SERVICE_DESK), { kind: 'ignore', reason: 'unknown_address' }, name);
    }
  });

  it('a verified custom address in To or Cc opens a ticket, matched case-insensitively', async () => {
    const world: World = { projects: [{ project: EMAIL_TEST, customEmail: 'support@customer.example' }] };
    for (const header of ['To: Help <Support@Customer.Example>', 'Cc: support@customer.example']) {
      const message = await mail('To: someone@else.example', header);
      assert.deepEqual(await route(message, SERVICE_DESK, world), { kind: 'open', projectId: 7, matchedBy: 'custom_email' }, header);
    }
  });
});

describe('hostile headers (SD-15)', () => {
  it("parses and routes a mail whose Received header is 100,000 × 'for <<' in in bounded time", async () => {
    // A safety bound against catastrophic backtracking, in CPU time so a busy machine does not fail it.
    const before = process.cpuUsage();
    const message = await mail(`Received: from x by y ${'for <<'.repeat(100_000)}`, 'To: incoming+email-test-7-issue-@appmail.adventuretime.ooo');
    const decision = await route(message, SERVICE_DESK);
    const used = process.cpuUsage(before);
    assert.deepEqual(decision, { kind: 'open', projectId: 7, matchedBy: 'project_key' });
    assert.ok(used.user + used.system < 10_000_000, `${Math.round((used.user + used.system) / 1000)} ms of CPU`);
  });

  it('a huge To header of addresses that are not ours is read in bounded time', async () => {
    // A safety bound against quadratic parsing (minutes), in CPU time so a busy machine does not fail it.
    const before = process.cpuUsage();
    const message = await mail(`To: ${Array.from({ length: 20_000 }, (_, i) => `person${i}@example.com`).join(', ')}`);
    assert.deepEqual(await route(message, SERVICE_DESK), { kind: 'ignore', reason: 'unknown_address' });
    const used = process.cpuUsage(before);
    const ms = (used.user + used.system) / 1000;
    assert.ok(ms < 20_000, `reading the header took ${Math.round(ms)} ms of CPU`);
  });
});

describe('extra addresses: `<slug>-<key>` on the main template opens a labelled ticket (GitLab issue 6395)', () => {
  const world: World = {
    projects: [
      { project: EMAIL_TEST, projectKey: 'billing', extraAddresses: [{ key: 'billing', labels: ['billing', 'money'] }] },
      { project: GITLABHQ, extraAddresses: [{ key: 'billing', labels: ['other'] }] },
    ],
    replyKeys: WORLD.replyKeys,
  };

  it('opens in the project whose slug matches, with its labels', async () => {
    const message = await mail('To: incoming+email-test-billing@appmail.adventuretime.ooo');
    assert.deepEqual(await route(message, SERVICE_DESK, world), { kind: 'open', projectId: 7, matchedBy: 'extra_address', labels: ['billing', 'money'] });
    const other = await mail('To: incoming+gitlabhq-gitlabhq-billing@appmail.adventuretime.ooo');
    assert.deepEqual(await route(other, SERVICE_DESK, world), { kind: 'open', projectId: 8, matchedBy: 'extra_address', labels: ['other'] });
  });

  it('on the alias the same shape stays a project key, without labels (SD-08)', async () => {
    const message = await mail('To: support+email-test-billing@example.com');
    assert.deepEqual(await route(message, SERVICE_DESK, world), { kind: 'open', projectId: 7, matchedBy: 'alias' });
  });

  it('the id form, reply keys and unsubscribe keys keep their meaning', async () => {
    const byId = await mail('To: incoming+email-test-7-issue-@appmail.adventuretime.ooo');
    assert.deepEqual(await route(byId, SERVICE_DESK, world), { kind: 'open', projectId: 7, matchedBy: 'project_key' });
    const reply = await mail(`To: incoming+${REPLY_KEY}@appmail.adventuretime.ooo`);
    assert.deepEqual(await route(reply, SERVICE_DESK, world), { kind: 'reply', ticketId: 101, matchedBy: 'reply_key' });
    const unsubscribe = await mail(`To: incoming+${REPLY_KEY}-unsubscribe@appmail.adventuretime.ooo`);
    assert.deepEqual(await route(unsubscribe, SERVICE_DESK, world), { kind: 'unsubscribe', ticketId: 101, email: 'jake@adventuretime.ooo' });
  });

  it('an unknown key or a wrong slug is an unknown address; a reply key found elsewhere still wins', async () => {
    const unknown = await mail('To: incoming+email-test-sales@appmail.adventuretime.ooo');
    assert.deepEqual(await route(unknown, SERVICE_DESK, world), { kind: 'ignore', reason: 'unknown_address' });
    const stale = await mail('To: incoming+old-name-billing@appmail.adventuretime.ooo');
    assert.deepEqual(await route(stale, SERVICE_DESK, world), { kind: 'ignore', reason: 'unknown_address' });
    const both = await mail('To: incoming+email-test-billing@appmail.adventuretime.ooo', `Cc: incoming+${REPLY_KEY}@appmail.adventuretime.ooo`);
    assert.deepEqual(await route(both, SERVICE_DESK, world), { kind: 'reply', ticketId: 101, matchedBy: 'reply_key' });
  });

  it('a disabled service desk takes no mail at its extra addresses either', async () => {
    const disabled: World = { projects: [{ project: { ...EMAIL_TEST, enabled: false }, extraAddresses: [{ key: 'billing', labels: ['billing'] }] }] };
    const message = await mail('To: incoming+email-test-billing@appmail.adventuretime.ooo');
    assert.deepEqual(await route(message, SERVICE_DESK, disabled), { kind: 'ignore', reason: 'service_desk_disabled', projectId: 7 });
  });
});

describe('a forged From (DMARC fail under p=reject) may not use the weak rungs', () => {
  const refuse = (message: ParsedMessage, world: World = WORLD) => routeMessage(message, [], SERVICE_DESK, fakeLookups(world), { refuseWeakSignals: true });
  const original = { projectId: 7, messageId: '<original@example.com>', ticketId: 303 };

  it('References alone: ignored as unauthenticated_reply, naming the ticket it aimed at', async () => {
    const message = await mail('To: incoming@appmail.adventuretime.ooo', `References: <x@y> <reply-${REPLY_KEY}@localhost>`);
    assert.deepEqual(await route(message, SERVICE_DESK), { kind: 'reply', ticketId: 101, matchedBy: 'references' });
    assert.deepEqual(await refuse(message), { kind: 'ignore', reason: 'unauthenticated_reply', refused: { matchedBy: 'references', ticketId: 101 } });
  });

  it('References to a project address: a new ticket there instead, saying what was refused', async () => {
    const message = await mail('To: incoming+email-test-7-issue-@appmail.adventuretime.ooo', `References: <reply-${REPLY_KEY}@localhost>`);
    assert.deepEqual(await refuse(message), { kind: 'open', projectId: 7, matchedBy: 'project_key', refused: { matchedBy: 'references', ticketId: 101 } });
  });

  it('In-Reply-To the original (reply-all, SD-55): a new ticket, as an unknown In-Reply-To makes', async () => {
    const message = await mail('To: incoming+email-test-7-issue-@appmail.adventuretime.ooo', `In-Reply-To: ${original.messageId}`);
    const world = { ...WORLD, originals: [original] };
    assert.deepEqual(await route(message, SERVICE_DESK, world), { kind: 'reply', ticketId: 303, matchedBy: 'in_reply_to' });
    assert.deepEqual(await refuse(message, world), {
      kind: 'open',
      projectId: 7,
      matchedBy: 'project_key',
      refused: { matchedBy: 'in_reply_to', ticketId: 303 },
    });
  });

  it('the reply key in our address is a secret, not a weak signal: it still routes', async () => {
    const message = await mail(`To: incoming+${REPLY_KEY}@appmail.adventuretime.ooo`, `References: <reply-${OTHER_KEY}@localhost>`);
    assert.deepEqual(await refuse(message), { kind: 'reply', ticketId: 101, matchedBy: 'reply_key' });
  });

  it('nothing changes for mail that had no weak rung to use', async () => {
    const message = await mail('To: incoming+email-test-7-issue-@appmail.adventuretime.ooo', 'References: <unknown@example.com>');
    assert.deepEqual(await refuse(message), { kind: 'open', projectId: 7, matchedBy: 'project_key' });
  });
});

describe("a project's custom address (SD-95, SD-99, SD-101)", () => {
  const CUSTOM: World = {
    projects: [{ project: EMAIL_TEST, customEmail: 'support@customer.example' }, { project: GITLABHQ }],
    replyKeys: { [REPLY_KEY]: { ticketId: 101, email: 'jake@adventuretime.ooo' } },
  };
  const PROJECT_ADDRESS = 'incoming+email-test-7-issue-@appmail.adventuretime.ooo';

  it('a first To of <custom>+verify is the verification mail, whatever else it names; the alias alone is the wrong target', async () => {
    const message = await mail('To: support+verify@customer.example');
    assert.deepEqual(await route(message, SERVICE_DESK, CUSTOM, [PROJECT_ADDRESS]), {
      kind: 'verify_custom_email',
      projectId: 7,
      wrongForwardingTarget: false,
    });
    assert.deepEqual(await route(message, SERVICE_DESK, CUSTOM, ['support+email-test-7-issue-@example.com']), {
      kind: 'verify_custom_email',
      projectId: 7,
      wrongForwardingTarget: true,
    });
  });

  it("forwarded to another project's address is the wrong target too", async () => {
    const message = await mail('To: support+verify@customer.example');
    assert.deepEqual(await route(message, SERVICE_DESK, CUSTOM, ['incoming+gitlabhq-gitlabhq-8-issue-@appmail.adventuretime.ooo']), {
      kind: 'verify_custom_email',
      projectId: 7,
      wrongForwardingTarget: true,
    });
  });

  it('+verify on an address no project has routes as any other mail', async () => {
    const message = await mail('To: support+verify@elsewhere.example');
    assert.deepEqual(await route(message, SERVICE_DESK, CUSTOM, [PROJECT_ADDRESS]), { kind: 'open', projectId: 7, matchedBy: 'project_key' });
  });

  it('forwarded to the project address with the custom address in To or Delivered-To: matched_by custom_email', async () => {
    for (const header of ['To: Support <support@customer.example>', 'Delivered-To: support@customer.example']) {
      const message = await mail(header);
      assert.deepEqual(await route(message, SERVICE_DESK, CUSTOM, [PROJECT_ADDRESS]), { kind: 'open', projectId: 7, matchedBy: 'custom_email' }, header);
    }
  });

  it("another project's address keeps its project even when a custom address is in Cc", async () => {
    const message = await mail('To: incoming+gitlabhq-gitlabhq-8-issue-@appmail.adventuretime.ooo', 'Cc: support@customer.example');
    assert.deepEqual(await route(message, SERVICE_DESK, CUSTOM), { kind: 'open', projectId: 8, matchedBy: 'project_key' });
  });

  it('<custom>+<reply key> is a reply, but only on an address a project has (SD-99)', async () => {
    const reply = await mail(`To: support+${REPLY_KEY}@customer.example`);
    assert.deepEqual(await route(reply, SERVICE_DESK, CUSTOM), { kind: 'reply', ticketId: 101, matchedBy: 'reply_key' });
    const elsewhere = await mail(`To: support+${REPLY_KEY}@elsewhere.example`);
    assert.deepEqual(await route(elsewhere, SERVICE_DESK, CUSTOM), { kind: 'ignore', reason: 'unknown_address' });
  });
});
