// The one duty of every receiver (SMTP, IMAP, HTTP, CLI): make the raw message durable, with the job that
// will process it, in one transaction. Only after this returns may the receiver acknowledge the mail.
import { createHash } from 'node:crypto';
import { DomainError } from '../../domain/errors.ts';
import { safeOptionalText } from '../../domain/safe-text.ts';
import { CommitGroup } from '../../db/commit-group.ts';
import type { Executor, TransactionScope } from '../../db/database.ts';
import type { InboundChannel } from '../../db/schema/inbound-messages.ts';
import { queueJob } from '../job-kinds.ts';
import type { Deps } from '../deps.ts';
import { lengthOf, piecesOf, type RawBytes, writeRawMessage } from './raw-message.ts';

export interface ReceivedMessage {
  raw: RawBytes;
  channel: InboundChannel;
  envelopeFrom?: string | null;
  envelopeTo?: string[];
  /** IMAP: where the message lies. A message already stored from there is not stored again (see below). */
  imapOrigin?: ImapOrigin;
  /** SMTP: the client's address and HELO name. Gone once the session ends, yet SPF needs them later (ingest job). */
  client?: { ip: string; helo: string | null };
  /**
   * The receiver is done with `raw` once it is stored: the ingest job may take these very bytes (and lend
   * them to a worker thread, which empties them here) instead of reading them back (just-received.ts).
   */
  handOver?: true;
}

export interface ImapOrigin {
  /** The mailbox's identity (config/imap-url.ts). */
  mailbox: string;
  uidValidity: string;
  uid: number;
}

/** `alreadyStored`: an IMAP message found stored before (same mailbox and UID, or same mailbox and bytes). */
export async function receiveInboundMessage(deps: Deps, message: ReceivedMessage): Promise<{ id: number; alreadyStored?: true }> {
  const size = lengthOf(message.raw);
  if (size > deps.config.maxMessageBytes) {
    throw new DomainError('too_large', `The message is ${size} bytes; the limit is ${deps.config.maxMessageBytes}`);
  }
  return store(deps, message, size);
}

/**
 * A message larger than MAX_MESSAGE_BYTES that a receiver does not refuse at the door (an IMAP mailbox holds it
 * already; a webhook's sender would drop it unanswered): its header block alone is kept, with the message's real `size`, so the ingest job records it
 * ignored (`too_large`) and tells its sender, as SMTP's 552 would have. `size` above the kept bytes marks it.
 */
export async function receiveOversizedMessage(
  deps: Deps,
  message: ReceivedMessage & { raw: Buffer; size: number },
): Promise<{ id: number; alreadyStored?: true }> {
  const headerEnd = message.raw.indexOf('\r\n\r\n');
  const headers = headerEnd < 0 ? message.raw : message.raw.subarray(0, headerEnd + 4);
  return store(deps, { ...message, raw: headers.subarray(0, Math.min(headers.length, deps.config.maxMessageBytes)) }, message.size);
}

async function store(deps: Deps, message: ReceivedMessage, size: number): Promise<{ id: number; alreadyStored?: true }> {
  const hash = createHash('sha256');
  for (const piece of piecesOf(message.raw)) hash.update(piece);
  const pending: PendingMessage = { message, size, rawSha256: hash.digest('hex'), at: deps.clock() };
  // An IMAP reader takes one message at a time and must first look for it (below); the others share commits.
  if (message.imapOrigin) return deps.db.transaction((scope) => writeMessage(deps, scope, pending), { durable: true });
  // Mail arriving together over SMTP or HTTP is stored in one durable commit (db/commit-group.ts).
  return CommitGroup.shared(deps.db, (scope, item: PendingMessage) => writeMessage(deps, scope, item)).add(pending);
} // the sender deletes its copy on our 250 (the IMAP reader flags or moves it)

interface PendingMessage {
  message: ReceivedMessage;
  size: number;
  rawSha256: string;
  at: Date;
}

async function writeMessage(deps: Deps, { trx, onCommit }: TransactionScope, pending: PendingMessage): Promise<{ id: number; alreadyStored?: true }> {
  const { message, size, rawSha256, at: now } = pending;
  const origin = message.imapOrigin;
  // A reader that died after this commit but before flagging the message \Seen finds it again: by its
  // UID, or, when UIDVALIDITY changed meanwhile (every UID renumbered), by its bytes.
  if (origin) {
    const stored = await findStoredImapMessage(trx, origin, rawSha256);
    if (stored) return { id: stored.id, alreadyStored: true as const };
  }
  const row = await trx
    .insertInto('inbound_messages')
    .values({
      channel: message.channel,
      raw_sha256: rawSha256,
      size,
      envelope_from: safeOptionalText(message.envelopeFrom ?? null),
      envelope_to: JSON.stringify(message.envelopeTo ?? []),
      message_id: null,
      from_address: null,
      to_addresses: null,
      subject: null,
      state: 'received',
      reason: null,
      error: null,
      project_id: null,
      ticket_id: null,
      note_id: null,
      matched_by: null,
      received_at: now.toISOString(),
      processed_at: null,
      ...(origin && { imap_mailbox: origin.mailbox, imap_uid_validity: origin.uidValidity, imap_uid: origin.uid }),
      client_ip: message.client?.ip ?? null,
      client_helo: safeOptionalText(message.client?.helo?.slice(0, 255) ?? null),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeRawMessage(trx, row.id, message.raw);
  await queueJob(trx, 'ingest_inbound', { inboundMessageId: row.id }, now);
  onCommit(() => {
    if (message.handOver) deps.justReceived.keep(row.id, piecesOf(message.raw));
    deps.jobBell.ring();
  });
  return { id: row.id };
}

const findStoredImapMessage = (trx: Executor, origin: ImapOrigin, rawSha256: string) =>
  trx
    .selectFrom('inbound_messages')
    .select('id')
    .where('imap_mailbox', '=', origin.mailbox)
    .where((eb) => eb.or([eb.and([eb('imap_uid_validity', '=', origin.uidValidity), eb('imap_uid', '=', origin.uid)]), eb('raw_sha256', '=', rawSha256)]))
    .executeTakeFirst();
