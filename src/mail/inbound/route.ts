// Stage 3: which ticket or project a mail belongs to, as an ordered ladder (DESIGN §2):
//   reply key in a recipient address → `reply-<key>@host` in References (SD-16) → In-Reply-To equal to a
//   ticket's original Message-ID in the addressed project (SD-55) → project key in the address (SD-05…SD-11)
//   → a project's custom address (SD-99) → unknown. A custom address that is also in To/Delivered-To of a
//   mail the project key routed (the provider's forwarding) makes `matched_by: custom_email`. Before all of
//   it, a first To of `<custom>+verify@…` is that address's verification mail (SD-95). An extra address (`<slug>-<key>`) routes as a project key does,
//   and carries the labels the new ticket gets.
// A mail whose From is forged (DMARC fails under an enforcing policy) may not use the weak rungs: an id in
// References or In-Reply-To is seen by everyone who got the thread, unlike the reply key in our address. It
// routes as if they were absent — a new ticket at a project's address (as an unknown In-Reply-To does,
// SD-55), else ignored as `unauthenticated_reply` — and the decision says which rung it was refused.
// Lookups are passed in, so the ladder is tested without a database.
import type { AddressTemplateMatcher } from '../../domain/address-template.ts';
import { splitSubaddress } from '../../domain/custom-email-verification.ts';
import { interpretKey, type KeyMeaning } from '../../domain/reply-key.ts';
import { fullPathSlug } from '../../domain/slug.ts';
import { addressesIn, type ParsedMessage } from './parsed-message.ts';
import { receivedForAddresses } from './received-header.ts';

export type MatchedBy = 'reply_key' | 'references' | 'in_reply_to' | 'project_key' | 'alias' | 'custom_email' | 'extra_address';

export type IgnoreReason = 'unknown_address' | 'unknown_reply_key' | 'project_not_found' | 'service_desk_disabled' | 'unauthenticated_reply';

/** A weak rung that would have threaded the mail, refused because its From is forged. */
export interface RefusedThread {
  matchedBy: 'references' | 'in_reply_to';
  ticketId: number;
}

export type RouteDecision =
  /** `member`: the reply key went to a team member, whose answer is their own note. */
  | { kind: 'reply'; ticketId: number; matchedBy: MatchedBy; member?: { userId: number; internal: boolean } }
  | { kind: 'unsubscribe'; ticketId: number; email: string }
  | { kind: 'open'; projectId: number; matchedBy: MatchedBy; labels?: string[]; refused?: RefusedThread }
  | { kind: 'ignore'; reason: IgnoreReason; projectId?: number; refused?: RefusedThread }
  /** SD-95: the verification mail of a project's custom address; it never makes a ticket. */
  | { kind: 'verify_custom_email'; projectId: number; wrongForwardingTarget: boolean };

export interface RouteOptions {
  /** The sender is forged (domain/mail-authentication.ts isForgedSender): References and In-Reply-To do not count. */
  refuseWeakSignals?: boolean;
}

export interface RoutedProject {
  id: number;
  path: string;
  enabled: boolean;
  /** SD-99: the project's own custom address (lowercase), whether or not it is switched on; null when it has none. */
  customEmail: string | null;
}

export interface RoutingLookups {
  replyKey(key: string): Promise<{ ticketId: number; email: string; userId?: number | null; internal?: boolean } | undefined>;
  projectById(id: number): Promise<RoutedProject | undefined>;
  projectsByKey(projectKey: string): Promise<RoutedProject[]>;
  projectByPath(path: string): Promise<RoutedProject | undefined>;
  /** SD-99: the project whose custom address this is, whether or not it is switched on (so replies are not lost). */
  projectByCustomEmail(address: string): Promise<RoutedProject | undefined>;
  /** Every project with an extra address of this key, and the labels it applies. */
  projectsByExtraAddress(key: string): Promise<{ project: RoutedProject; labels: string[] }[]>;
  ticketByOriginalMessageId(projectId: number, messageId: string): Promise<number | undefined>;
}

export interface RoutingTemplates {
  incoming: AddressTemplateMatcher;
  alias: AddressTemplateMatcher | null;
  /** The host of `<reply-<key>@host>` ids in References. */
  replyHost: string;
}

/** SD-14: where recipient addresses are looked for, in this order. The SMTP envelope, when there is one, comes first. */
const RECIPIENT_HEADERS = ['to', 'delivered-to', 'x-delivered-to', 'envelope-to', 'x-envelope-to', 'received', 'x-original-to', 'x-forwarded-to', 'cc'];

interface FoundKey {
  meaning: KeyMeaning;
  viaAlias: boolean;
}

export function recipientAddresses(message: ParsedMessage, envelopeTo: string[]): { address: string; header: string }[] {
  const out = envelopeTo.map((address) => ({ address, header: 'envelope' }));
  for (const name of RECIPIENT_HEADERS) {
    const fields = message.headers.filter((h) => h.name === name);
    const addresses = name === 'received' ? fields.flatMap((f) => receivedForAddresses(f.value)) : addressesIn(fields);
    for (const address of addresses) out.push({ address, header: name });
  }
  return out;
}

function keysIn(message: ParsedMessage, envelopeTo: string[], templates: RoutingTemplates): FoundKey[] {
  const keys: FoundKey[] = [];
  for (const { address, header } of recipientAddresses(message, envelopeTo)) {
    const main = templates.incoming.keyOf(address);
    if (main !== null) keys.push({ meaning: interpretKey(main, false), viaAlias: false });
    // SD-11: the alias mailbox is read from To only (and the envelope, which names the real recipient).
    const alias = header === 'to' || header === 'envelope' ? templates.alias?.keyOf(address) : null;
    if (alias != null) keys.push({ meaning: interpretKey(alias, true), viaAlias: true });
  }
  return keys;
}

export async function routeMessage(
  message: ParsedMessage,
  envelopeTo: string[],
  templates: RoutingTemplates,
  lookups: RoutingLookups,
  options: RouteOptions = {},
): Promise<RouteDecision> {
  const keys = keysIn(message, envelopeTo, templates);
  let sawUnknownReplyKey = false;
  let refused: RefusedThread | undefined;

  // SD-95: a mail whose first To is `<custom>+verify@<domain>` answers that address's verification.
  const verifying = message.to[0] ? splitSubaddress(message.to[0]) : null;
  if (verifying?.suffix === 'verify') {
    const project = await lookups.projectByCustomEmail(verifying.base);
    if (project) {
      // SD-95 step 2: forwarded to the alias and to none of the incoming addresses, or to another project's address.
      const onlyAlias = keys.some((k) => k.viaAlias) && !keys.some((k) => !k.viaAlias);
      const target = (await addressedProject(message, keys, lookups)).project;
      const wrongForwardingTarget = onlyAlias || (target !== undefined && target.id !== project.id);
      return { kind: 'verify_custom_email', projectId: project.id, wrongForwardingTarget };
    }
  }

  for (const { meaning } of [...keys, ...(await customReplyKeys(message, lookups))]) {
    if (meaning.kind !== 'reply' && meaning.kind !== 'unsubscribe') continue;
    const found = await lookups.replyKey(meaning.replyKey);
    if (!found) {
      sawUnknownReplyKey = true;
      continue;
    }
    return meaning.kind === 'unsubscribe'
      ? { kind: 'unsubscribe', ticketId: found.ticketId, email: found.email }
      : { kind: 'reply', ticketId: found.ticketId, matchedBy: 'reply_key', ...memberOf(found) };
  }

  const replyPrefix = '<reply-';
  const replySuffix = `@${templates.replyHost.toLowerCase()}>`;
  for (const id of message.references) {
    const lower = id.toLowerCase();
    if (!lower.startsWith(replyPrefix) || !lower.endsWith(replySuffix)) continue;
    const found = await lookups.replyKey(lower.slice(replyPrefix.length, -replySuffix.length));
    if (!found) continue;
    if (!options.refuseWeakSignals) return { kind: 'reply', ticketId: found.ticketId, matchedBy: 'references', ...memberOf(found) };
    refused = { matchedBy: 'references', ticketId: found.ticketId };
    break;
  }

  const addressed = await addressedProject(message, keys, lookups);
  // Forwarded by the provider of a custom address to the project's own address: the custom address is why it came.
  // The project's row says its custom address, so this asks the database nothing more (issue 10: a query a mail).
  const customEmail = addressed.project?.customEmail;
  if (addressed.matchedBy === 'project_key' && customEmail && customAddressCandidates(message).some((a) => a.toLowerCase() === customEmail)) {
    addressed.matchedBy = 'custom_email';
  }
  if (addressed.project) {
    // SD-05: a disabled service desk takes no mail at its address, reply-all (SD-55) included.
    if (!addressed.project.enabled) return { kind: 'ignore', reason: 'service_desk_disabled', projectId: addressed.project.id };
    for (const id of message.inReplyTo) {
      const ticketId = await lookups.ticketByOriginalMessageId(addressed.project.id, id);
      if (ticketId === undefined) continue;
      if (!options.refuseWeakSignals) return { kind: 'reply', ticketId, matchedBy: 'in_reply_to' };
      refused ??= { matchedBy: 'in_reply_to', ticketId };
      break;
    }
    const labels = addressed.labels?.length ? { labels: addressed.labels } : {};
    return { kind: 'open', projectId: addressed.project.id, matchedBy: addressed.matchedBy!, ...labels, ...(refused && { refused }) };
  }
  if (refused) return { kind: 'ignore', reason: 'unauthenticated_reply', refused };
  if (addressed.notFound) return { kind: 'ignore', reason: 'project_not_found' };
  return { kind: 'ignore', reason: sawUnknownReplyKey ? 'unknown_reply_key' : 'unknown_address' };
}

async function addressedProject(
  message: ParsedMessage,
  keys: FoundKey[],
  lookups: RoutingLookups,
): Promise<{ project?: RoutedProject; matchedBy?: MatchedBy; labels?: string[]; notFound?: boolean }> {
  let notFound = false;
  for (const { meaning, viaAlias } of keys) {
    const matchedBy: MatchedBy = viaAlias ? 'alias' : 'project_key';
    if (meaning.kind === 'project') {
      // SD-05: the id chooses the project; the slug must be the current one, or the address is stale.
      const project = await lookups.projectById(meaning.projectId);
      if (project && fullPathSlug(project.path) === meaning.slug) return { project, matchedBy };
      notFound = true;
    } else if (meaning.kind === 'project_key') {
      // SD-10: several projects may share a key; the slug picks one.
      const project = (await lookups.projectsByKey(meaning.projectKey)).find((p) => fullPathSlug(p.path) === meaning.slug);
      if (project) return { project, matchedBy };
      notFound = true;
    } else if (meaning.kind === 'extra_address') {
      const found = (await lookups.projectsByExtraAddress(meaning.addressKey)).find((p) => fullPathSlug(p.project.path) === meaning.slug);
      // Not `notFound`: extra addresses are opt-in, so most keys of this shape are simply not ours.
      if (found) return { project: found.project, matchedBy: 'extra_address', labels: found.labels };
    } else if (meaning.kind === 'legacy_path') {
      const project = await lookups.projectByPath(meaning.path);
      if (project) return { project, matchedBy };
      notFound = true;
    }
  }
  const custom = await customAddressProject(message, lookups);
  if (custom) return { project: custom, matchedBy: 'custom_email' };
  return { notFound };
}

/** SD-99: the custom address in To, Delivered-To or Cc (a provider forwarding keeps it there, SD-101). */
async function customAddressProject(message: ParsedMessage, lookups: RoutingLookups): Promise<RoutedProject | undefined> {
  for (const address of customAddressCandidates(message)) {
    const project = await lookups.projectByCustomEmail(address.toLowerCase());
    if (project) return project;
  }
  return undefined;
}

const customAddressCandidates = (message: ParsedMessage) => [
  ...message.to,
  ...addressesIn(message.headers.filter((h) => h.name === 'delivered-to')),
  ...message.cc,
];

/** SD-99: `<custom>+<32 hex>@<domain>` carries a reply key, but only on an address some project has as its custom email. */
async function customReplyKeys(message: ParsedMessage, lookups: RoutingLookups): Promise<FoundKey[]> {
  const found: FoundKey[] = [];
  for (const address of customAddressCandidates(message)) {
    const sub = splitSubaddress(address);
    if (!sub || !/^[0-9a-f]{32}(-unsubscribe)?$/.test(sub.suffix)) continue;
    if (await lookups.projectByCustomEmail(sub.base)) found.push({ meaning: interpretKey(sub.suffix, false), viaAlias: false });
  }
  return found;
}

const memberOf = (key: { userId?: number | null; internal?: boolean }) =>
  key.userId ? { member: { userId: key.userId, internal: key.internal === true } } : {};
