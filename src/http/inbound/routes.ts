import { z } from 'zod';
import { receiveInboundMessage } from '../../app/inbound/receive-inbound-message.ts';
import { DomainError } from '../../domain/errors.ts';
import { defineRoute } from '../route.ts';

export const inboundRoutes = [
  defineRoute<undefined, undefined, undefined, 'webhook'>({
    method: 'POST',
    path: '/inbound/mime',
    auth: 'webhook',
    bodyType: 'rfc822',
    tag: 'mail log',
    summary: 'Hand over one raw RFC 5322 message (Content-Type: message/rfc822), as an MTA or a mail service webhook would; stored before the answer',
    status: 201,
    response: z.object({ id: z.number(), state: z.literal('received') }),
    async handler({ ctx, request }) {
      const raw = request.body;
      if (!Buffer.isBuffer(raw) || raw.length === 0)
        throw new DomainError('invalid', 'Send the raw message as the body, with Content-Type: message/rfc822', { body: 'empty' });
      const { id } = await receiveInboundMessage(ctx, { raw, channel: 'http' });
      return { id, state: 'received' as const };
    },
  }),
];
