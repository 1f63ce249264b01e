// Named API shapes for the screens, all derived from the generated OpenAPI types (api-schema.gen.ts),
// so a server change shows up here as a type error instead of a wrong screen.
// `Pending…` fields are in the contracts (brief "common.md") but not yet in the OpenAPI document of this
// branch; they are optional here and become required automatically once the document has them.
import type { ApiOperations } from './api-schema.gen.ts';

export type ApiResponse<K extends keyof ApiOperations> = ApiOperations[K]['response'];
export type ApiBody<K extends keyof ApiOperations> = ApiOperations[K]['body'];
export type ApiQuery<K extends keyof ApiOperations> = ApiOperations[K]['query'];

type Item<T> = T extends Array<infer U> ? U : never;

export type EmailMeta = { from: string; to: string[]; cc: string[]; matched_by: string | null; inbound_message_id: number | null };

type PendingTicketFields = { last_activity_at?: string; unread?: boolean; email?: EmailMeta | null };
type PendingNoteFields = { email?: EmailMeta | null };

export type CurrentUser = ApiResponse<'getApiV1User'>;
export type Project = ApiResponse<'getApiV1ProjectsId'>;
export type ProjectMember = Item<ApiResponse<'getApiV1ProjectsIdMembers'>>;
export type Ticket = ApiResponse<'getApiV1ProjectsIdTicketsIid'> & PendingTicketFields;
export type TicketListItem = Item<ApiResponse<'getApiV1ProjectsIdTickets'>> & PendingTicketFields;
export type TicketListQuery = NonNullable<ApiQuery<'getApiV1ProjectsIdTickets'>>;
export type TicketUpdate = ApiBody<'putApiV1ProjectsIdTicketsIid'>;
export type NewTicket = ApiBody<'postApiV1ProjectsIdTickets'>;
export type Note = ApiResponse<'getApiV1ProjectsIdTicketsIidNotes'> extends Array<infer N> ? N & PendingNoteFields : never;
export type NewNote = ApiBody<'postApiV1ProjectsIdTicketsIidNotes'> & { attachment_ids?: number[] };
export type Attachment = Ticket['attachments'][number];
export type UserRef = Ticket['author'];

/** Contract: POST/GET /api/v1/session (not yet in the OpenAPI document of this branch). */
export type Session = { user: { id: number; username: string; name: string; email?: string; admin: boolean }; csrf_token: string };
export type TicketCounts = ApiResponse<'getApiV1ProjectsIdTicketCounts'>;
