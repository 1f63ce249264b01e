// Renders an outbox row into the MIME message we send (or keep). Every header was decided when the row
// was written, and so were the files it carries (attachment_ids); this only serialises them.
import type MailComposer from 'nodemailer/lib/mail-composer';
import type { OutgoingFile } from './outbound-attachments.ts';
import type { OutboundMessageRow } from '../../db/schema/outbound-messages.ts';

/** Loaded with the first mail composed: an idle server does not hold nodemailer's MIME builder (issue 10). */
const composerClass = async () => (await import('nodemailer/lib/mail-composer')).default as typeof MailComposer;

export async function composeMessage(row: OutboundMessageRow, date: Date, files: OutgoingFile[] = []): Promise<string> {
  const Composer = await composerClass();
  const composer = new Composer({
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
    // With files the message becomes multipart/mixed around the alternative (RFC 2046 §5.1.3).
    attachments: files.map((f) => ({ filename: f.filename, content: f.content, contentType: f.contentType, contentDisposition: 'attachment' as const })),
  });
  const message = await composer.compile().build();
  return message.toString('utf8');
}
