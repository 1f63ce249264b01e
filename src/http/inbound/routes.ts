import { z } from 'zod';
import { receiveInboundMessage, receiveOversizedMessage } from '../../app/inbound/receive-inbound-message.ts';
import { DomainError } from '../../domain/errors.ts';
import { ReceivedMailBody } from '../body-parsers.ts';
import { defineRoute } from '../route.ts';

export const inboundRoutes = [
  defineRoute<undefined, undefined, undefined, 'webhook'>({
    method: 'POST',
    path: '/inbound/mime',
    auth: 'webhook',
    bodyType: 'rfc822',
    tag: 'mail log',
    summary:
      'Hand over one raw RFC 5322 message (Content-Type: message/rfc822), as an MTA or a mail service webhook would; stored before the answer. One over MAX_MESSAGE_BYTES is stored as its headers and answered with a [Rejected] mail',
    status: 201,
    response: z.object({ id: z.number(), state: z.literal('received') }),
    async handler({ ctx, request }) {
      const body = request.body;
      if (!(body instanceof ReceivedMailBody) || body.size === 0)
        throw new DomainError('invalid', 'Send the raw message as the body, with Content-Type: message/rfc822', { body: 'empty' });
      // Too large: stored as its headers, then ignored as too_large and answered [Rejected] (like IMAP).
      const { id } =
        body.size > ctx.config.maxMessageBytes
          ? await receiveOversizedMessage(ctx, { raw: body.raw, size: body.size, channel: 'http' })
          : await receiveInboundMessage(ctx, { raw: body.raw, channel: 'http' });
      return { id, state: 'received' as const };
    },
  }),
];
