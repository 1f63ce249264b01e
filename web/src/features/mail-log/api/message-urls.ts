import { apiUrl } from '../../../lib/api-client.ts';

export type MailDirection = 'inbound' | 'outbound';

/**
 * The server renders a message for the viewer (headers + sanitised HTML or escaped text) under a sandbox
 * CSP; the raw source downloads as message/rfc822. Both accept the session cookie, so plain URLs do.
 */
export const renderedMessageUrl = (direction: MailDirection, id: number) => apiUrl(`/${direction}_messages/${id}/rendered`);
export const rawMessageUrl = (direction: MailDirection, id: number) => apiUrl(`/${direction}_messages/${id}/raw`);
