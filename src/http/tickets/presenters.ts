import { ticketWebUrl } from '../../app/tickets/load-ticket-context.ts';
import type { ListedTicket } from '../../app/tickets/list-tickets.ts';
import type { AttachmentRef, TicketDetails } from '../../app/tickets/ticket-details.ts';
import { attachmentUrl } from '../../app/tickets/store-attachments.ts';
import type { MailProvenance } from '../../app/mail-log/mail-provenance.ts';
import type { MailAuthentication } from '../../domain/mail-authentication.ts';
import { obfuscateDomain, obfuscateEmail, obfuscateEmailsInText } from '../../domain/obfuscate-email.ts';
import { LIST_DESCRIPTION_CHARS, previewOfText } from '../../domain/stored-text.ts';

export interface Viewer {
  publicUrl: string;
  projectPath: string;
  /** SD-86: false below reporter, where customers' addresses are masked everywhere (SD-88). */
  seesAddresses: boolean;
}

/** A file's name is the sender's text too (`scan-for-carol@example.com.pdf`): masked like the rest (SD-86). */
export const presentAttachment = (a: AttachmentRef, viewer: Pick<Viewer, 'publicUrl' | 'seesAddresses'>) => ({
  id: a.id,
  filename: maskText(viewer, a.filename),
  content_type: a.content_type,
  size: a.size,
  url: attachmentUrl(viewer.publicUrl, a.id),
});

export const maskAddress = (viewer: Pick<Viewer, 'seesAddresses'>, email: string | null) =>
  email === null || viewer.seesAddresses ? email : obfuscateEmail(email);
export const maskText = (viewer: Pick<Viewer, 'seesAddresses'>, text: string) => (viewer.seesAddresses ? text : obfuscateEmailsInText(text));

export const presentMailProvenance = (viewer: Pick<Viewer, 'seesAddresses'>, email: MailProvenance | null) =>
  email && {
    from: maskAddress(viewer, email.from),
    to: email.to.map((a) => maskAddress(viewer, a)!),
    cc: email.cc.map((a) => maskAddress(viewer, a)!),
    matched_by: email.matchedBy,
    inbound_message_id: email.inboundMessageId,
  };

/** The sender verdict; below reporter the domain is masked like the address it comes from (SD-87). */
export const presentAuthentication = (viewer: Pick<Viewer, 'seesAddresses'>, auth: MailAuthentication | null | undefined) =>
  auth
    ? {
        dkim: auth.dkim,
        spf: auth.spf,
        dmarc: auth.dmarc,
        source: auth.source,
        domain: auth.domain === null || viewer.seesAddresses ? auth.domain : obfuscateDomain(auth.domain),
        dmarc_policy: auth.dmarc_policy,
      }
    : null;

export function presentTicket(d: TicketDetails, viewer: Viewer) {
  const t = d.ticket;
  return {
    id: t.id,
    iid: t.iid,
    project_id: t.project_id,
    title: maskText(viewer, t.title), // the customer's subject: it may name people by address too
    description: maskText(viewer, t.description),
    state: t.state,
    confidential: t.confidential === 1,
    author: d.author,
    external_author: maskAddress(viewer, t.external_author),
    labels: d.labels,
    assignees: d.assignees,
    participants: d.participants.map((p) => ({
      email: maskAddress(viewer, p.email)!,
      // The reason quotes the remote server, which names the address: below reporter only that it bounces.
      bouncing: p.bouncing && { since: p.bouncing.since, reason: viewer.seesAddresses ? p.bouncing.reason : null },
    })),
    attachments: d.attachments.map((a) => presentAttachment(a, viewer)),
    web_url: ticketWebUrl(viewer.publicUrl, viewer.projectPath, t.iid),
    email: presentMailProvenance(viewer, d.email),
    authentication: presentAuthentication(viewer, d.email?.authentication),
    created_at: t.created_at,
    updated_at: t.updated_at,
    closed_at: t.closed_at,
    last_activity_at: t.last_activity_at,
    unread: d.unread,
  };
}

/** A ticket in a list: its description's head (INTERFACE.md), masked before it is cut, so no address shows in part. */
export function presentListedTicket(d: ListedTicket, viewer: Viewer) {
  const view = presentTicket(d, viewer);
  const head = previewOfText(view.description, LIST_DESCRIPTION_CHARS);
  return { ...view, description: head.text, description_truncated: head.cut || !d.descriptionWhole };
}
