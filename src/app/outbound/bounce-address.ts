// The VERP return path (issue 9): every mail through the instance relay goes out with the envelope sender
// `<incoming template with key bounce-<outbox id>-<signature>>`, so a bounce names the very mail it answers.
// The signature (an HMAC under SECRET_KEY) keeps anyone from forging a bounce for a mail they did not get:
// nothing is stored, and a changed SECRET_KEY only orphans bounces of mail sent before.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { fillTemplate } from '../../domain/service-desk-addresses.ts';

export interface BounceAddresses {
  /** The envelope sender for outbox row `outboundId`. */
  returnPath(outboundId: number): string;
  /** Whether `signature` is the one of `outboundId`. */
  verify(outboundId: number, signature: string): boolean;
}

export function bounceAddresses(secretKey: string, incomingTemplate: string): BounceAddresses {
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(secretKey, 'utf8'), 'postdesk', 'postdesk bounce addresses v1', 32));
  const sign = (id: number) => createHmac('sha256', key).update(String(id)).digest('hex').slice(0, 16);
  return {
    returnPath: (id) => fillTemplate(incomingTemplate, `bounce-${id}-${sign(id)}`),
    verify: (id, signature) => signature.length === 16 && timingSafeEqual(Buffer.from(sign(id)), Buffer.from(signature.toLowerCase())),
  };
}
