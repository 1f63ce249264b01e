import { z } from 'zod';
import { MAX_LABEL_LENGTH, MAX_LABELS, labelsProblem, normaliseLabels } from '../../domain/label-rules.ts';
import { AUTH_RESULTS } from '../../domain/mail-authentication.ts';
import { LIST_DESCRIPTION_CHARS, MAX_STORED_TEXT_LENGTH, withThousandsCommas } from '../../domain/stored-text.ts';
import { pageQuery, queryBoolean, userRefView } from '../common-schemas.ts';

export const attachmentView = z.object({ id: z.number(), filename: z.string(), content_type: z.string(), size: z.number(), url: z.string() });

const authResult = z.enum(AUTH_RESULTS);

/** Who really sent a received mail (INTERFACE.md "authentication"); the domain masked below reporter. */
export const authenticationView = z
  .object({
    dkim: authResult,
    spf: authResult,
    dmarc: authResult,
    source: z.enum(['postdesk', 'trusted_relay']).describe('postdesk: verified here; trusted_relay: the Authentication-Results of TRUSTED_AUTHSERV_ID'),
    domain: z.string().nullable().describe('The From domain'),
    dmarc_policy: z
      .enum(['none', 'quarantine', 'reject'])
      .nullable()
      .describe("The From domain's DMARC policy; null when unknown. A dmarc fail under quarantine or reject (or an unstated policy) marks the From forged"),
  })
  .nullable();

/** Which received mail made a note or opened a ticket; addresses masked below reporter. */
export const mailProvenanceView = z
  .object({
    from: z.string().nullable(),
    to: z.array(z.string()),
    cc: z.array(z.string()),
    matched_by: z
      .string()
      .nullable()
      .describe('Why the mail was routed here: reply_key, references, in_reply_to, project_key, alias, extra_address, custom_email'),
    inbound_message_id: z.number(),
  })
  .nullable();

export const ticketView = z.object({
  id: z.number(),
  iid: z.number(),
  project_id: z.number(),
  title: z.string(),
  description: z.string(),
  state: z.enum(['opened', 'closed']),
  confidential: z.boolean(),
  author: userRefView,
  external_author: z.string().nullable().describe('The customer who wrote in; masked below reporter'),
  labels: z.array(z.string()),
  assignees: z.array(userRefView),
  participants: z.array(
    z.object({
      email: z.string(),
      bouncing: z
        .object({ since: z.string(), reason: z.string().nullable().describe('What the remote server said (reporters and up)') })
        .nullable()
        .describe('Mail to this address on this ticket bounced: nothing more is mailed to it here until cleared'),
    }),
  ),
  attachments: z.array(attachmentView),
  web_url: z.string(),
  email: mailProvenanceView.describe('The received mail that opened the ticket; null when a team member opened it'),
  authentication: authenticationView.describe('Who really sent the mail that opened the ticket; null when no mail did (or it predates verification)'),
  created_at: z.string(),
  updated_at: z.string(),
  closed_at: z.string().nullable(),
  last_activity_at: z.string().describe('The last change, note or mail'),
  unread: z.boolean().describe('Activity by someone else since the caller last read it (POST …/read)'),
});

export const ticketListItemView = ticketView.extend({
  description: z.string().describe(`At most its first ${withThousandsCommas(LIST_DESCRIPTION_CHARS)} characters; GET …/tickets/:iid returns it whole`),
  description_truncated: z.boolean().describe('The description goes on past what the list shows'),
});

export const ticketParams = z.object({ id: z.string().min(1), iid: z.coerce.number().int().positive() });

/** The list's filters but state and paging: what ticket_counts takes too. */
export const ticketFiltersQuery = z.object({
  search: z.string().max(500).optional().describe('Full text: every word in the title, description or a readable note (the last also as a prefix); or #iid'),
  labels: z
    .string()
    .optional()
    .refine(
      (s) => s === undefined || labelsProblem(normaliseLabels(s.split(','))) === null,
      `at most ${MAX_LABELS} labels, each at most ${MAX_LABEL_LENGTH} characters`,
    )
    .describe(`Comma-separated; tickets with all of them (at most ${MAX_LABELS})`),
  assignee_id: z
    .union([z.literal('None'), z.coerce.number().int()])
    .optional()
    .describe('A user id, or None for unassigned'),
  confidential: queryBoolean.optional(),
  external_author: z.string().optional().describe("The customer's address, exact and in any case (reporters and up; below, nothing matches)"),
});

export const listTicketsQuery = pageQuery.extend(ticketFiltersQuery.shape).extend({
  state: z.enum(['opened', 'closed', 'all']).optional(),
  order_by: z.enum(['created_at', 'updated_at', 'last_activity_at']).optional(),
  sort: z.enum(['asc', 'desc']).optional(),
});

export const ticketCountsView = z.object({
  opened: z.number(),
  closed: z.number(),
  all: z.number(),
  /** The counts that stopped at the search count limit (1,000): there are at least that many. */
  at_least: z.array(z.enum(['opened', 'closed', 'all'])),
});

/** A description is stored text (domain/stored-text.ts): as long as a note may be, and no longer. */
const descriptionInput = z.string().max(MAX_STORED_TEXT_LENGTH);

export const createTicketBody = z.object({ title: z.string().min(1).max(255), description: descriptionInput.optional(), confidential: z.boolean().optional() });

export const updateTicketBody = z
  .object({
    title: z.string().min(1).max(255),
    description: descriptionInput,
    state_event: z.enum(['close', 'reopen']),
    labels: z
      .union([z.array(z.string()), z.string().transform((s) => s.split(',').filter(Boolean))])
      .describe(`The whole set; at most ${MAX_LABELS}, each at most ${MAX_LABEL_LENGTH} characters, without commas`),
    assignee_ids: z.array(z.number().int()),
    confidential: z.boolean(),
  })
  .partial()
  .strict();

export const participantView = z.object({ email: z.string() });
export const addParticipantBody = z.object({ email: z.string().min(3).max(254) });
export const removeParticipantQuery = z.object({ email: z.string().min(1) });
