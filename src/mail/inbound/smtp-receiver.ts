// The inbound SMTP listener. At RCPT it refuses (550) only addresses that match none of our address
// templates (RFC 5321 §3.3: refuse early, so the sender's MTA reports it, and we never accept mail
// we would have to bounce later). SIZE comes from MAX_MESSAGE_BYTES (552 above it).
// Storing the message before answering 250 arrives with the mail loop; until then DATA is answered
// 451 (RFC 5321 4yz: the sender keeps the message and retries), so nothing is lost.
import { SMTPServer } from 'smtp-server';
import type { Logger } from 'pino';
import type { Config } from '../../config/config.ts';
import { addressTemplateMatcher } from '../../domain/address-template.ts';

export interface SmtpReceiverOptions {
  config: Pick<Config, 'incomingEmailAddress' | 'serviceDeskAliasAddress' | 'maxMessageBytes'>;
  logger: Logger;
}

export function createSmtpReceiver({ config, logger }: SmtpReceiverOptions): SMTPServer {
  const templates = [config.incomingEmailAddress, config.serviceDeskAliasAddress].filter((t): t is string => t !== null).map(addressTemplateMatcher);
  const log = logger.child({ part: 'smtp' });
  return new SMTPServer({
    name: 'postdesk',
    banner: 'Postdesk ESMTP',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    disableReverseLookup: true, // no DNS here, and a lookup per connection slows every delivery
    size: config.maxMessageBytes,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (templates.some((t) => t.keyOf(address.address) !== null)) return callback();
      const error = new Error(`5.1.1 <${address.address}>: no such mailbox here`) as Error & { responseCode: number };
      error.responseCode = 550;
      callback(error);
    },
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        log.warn({ from: session.envelope.mailFrom && session.envelope.mailFrom.address }, 'mail intake is not built yet; asked the sender to retry');
        const error = new Error('4.3.2 Mail intake is not enabled on this server yet; try again later') as Error & { responseCode: number };
        error.responseCode = 451;
        callback(error);
      });
    },
  });
}
