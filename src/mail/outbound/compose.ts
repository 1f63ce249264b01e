// Renders an outbox row into the MIME message we send (or keep). Every header was decided when the row
// was written; this only serialises them.
import MailComposer from 'nodemailer/lib/mail-composer';
import type { OutboundMessageRow } from '../../db/schema/outbound-messages.ts';

export async function composeMessage(row: OutboundMessageRow, date: Date): Promise<string> {
  const composer = new MailComposer({
    from: row.from_header,
    to: row.to_address,
    replyTo: row.reply_to ?? undefined,
    subject: row.subject,
    messageId: row.message_id,
    inReplyTo: row.in_reply_to ?? undefined,
    references: row.references,
    date,
    text: row.text_body,
    // multipart/alternative: clients that show HTML pick this part, the rest the text (RFC 2046 §5.1.4).
    html: row.html_body ?? undefined,
    headers: JSON.parse(row.headers) as Record<string, string>,
  });
  const message = await composer.compile().build();
  return message.toString('utf8');
}
