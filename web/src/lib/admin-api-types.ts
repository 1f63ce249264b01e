// Named API shapes of the admin screens (service desk settings, mail log, people), derived from the
// generated OpenAPI types like api-types.ts; kept in their own file so the two can grow side by side.
import type { ApiBody, ApiResponse } from './api-types.ts';

type Item<T> = T extends Array<infer U> ? U : never;

export type ServiceDesk = ApiResponse<'getApiV1ProjectsIdServiceDesk'>;
export type ServiceDeskUpdate = ApiBody<'putApiV1ProjectsIdServiceDesk'>;
export type ExtraAddress = Item<ApiResponse<'getApiV1ProjectsIdServiceDeskAddresses'>>;
export type NewExtraAddress = ApiBody<'postApiV1ProjectsIdServiceDeskAddresses'>;
export type MailTemplate = ApiResponse<'getApiV1ProjectsIdServiceDeskTemplatesName'>;
export type MailTemplateName = MailTemplate['name'];
export type MailTemplatePreview = ApiResponse<'postApiV1ProjectsIdServiceDeskTemplatesNamePreview'>;

export type InboundMessage = Item<ApiResponse<'getApiV1InboundMessages'>>;
export type InboundState = InboundMessage['state'];
export type OutboundMessage = Item<ApiResponse<'getApiV1OutboundMessages'>>;
export type OutboundState = OutboundMessage['state'];
export type BlockedSender = Item<ApiResponse<'getApiV1ProjectsIdBlockedSenders'>>;
export type NewBlockedSender = ApiBody<'postApiV1ProjectsIdBlockedSenders'>;
export type BlockMessageSender = ApiBody<'postApiV1InboundMessagesIdBlockSender'>;

export type User = ApiResponse<'getApiV1UsersId'>;
export type NewUser = ApiBody<'postApiV1Users'>;
export type Member = Item<ApiResponse<'getApiV1ProjectsIdMembers'>>;
export type PersonalAccessToken = Item<ApiResponse<'getApiV1UsersIdPersonalAccessTokens'>>;
export type NewPersonalAccessToken = ApiBody<'postApiV1UsersIdPersonalAccessTokens'>;
export type CreatedPersonalAccessToken = ApiResponse<'postApiV1UsersIdPersonalAccessTokens'>;
export type NotificationSettings = ApiResponse<'getApiV1UserNotificationSettings'>;

/** Contract: PUT /api/v1/user/password (in the auth branch; not yet in this branch's OpenAPI document). */
export type PasswordChange = { current_password: string; password: string };

/** GitLab's access levels, as the members API takes them. */
export const ACCESS_LEVELS = [
  { value: 10, label: 'Guest' },
  { value: 20, label: 'Reporter' },
  { value: 30, label: 'Developer' },
  { value: 40, label: 'Maintainer' },
  { value: 50, label: 'Owner' },
] as const;
export const MAINTAINER = 40;

export const accessLevelName = (level: number) => ACCESS_LEVELS.find((l) => l.value === level)?.label ?? `Level ${level}`;

export type Mailbox = Item<ApiResponse<'getApiV1Mailboxes'>>;
export type NewMailbox = ApiBody<'postApiV1ProjectsIdMailboxes'>;
