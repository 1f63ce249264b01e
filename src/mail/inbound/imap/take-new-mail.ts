// One sweep of an open IMAP folder: every message not yet taken is fetched, committed to inbound_messages
// (durably, with its ingest job), and only then acknowledged — flagged \Seen, or moved to `moveTo`. A reader
// that dies between the commit and the acknowledgement finds the message again at its next sweep, sees it
// is stored (by UID, or by its bytes once UIDVALIDITY changed) and only acknowledges it: nothing is lost,
// nothing is stored twice.
// "Not yet taken" is: unseen, or above the highest UID taken under the current UIDVALIDITY (a message a
// person read in webmail while Postdesk was down is still taken). Mail read before the mailbox was first
// connected is not: Postdesk does not import a mailbox's history.
import type { ImapFlow } from 'imapflow';
import type { Deps } from '../../../app/deps.ts';
import { receiveInboundMessage, receiveOversizedMessage } from '../../../app/inbound/receive-inbound-message.ts';
import { readUidState, recordMailboxState, type MailboxToRead } from '../../../app/mailboxes/mailbox-readers.ts';
import { isoNow } from '../../../app/deps.ts';

export interface SweepResult {
  taken: number;
  /** Messages not reached because the sweep was stopped. */
  left: number;
}

export async function takeNewMail(deps: Deps, client: ImapFlow, mailbox: MailboxToRead, shouldStop: () => boolean): Promise<SweepResult> {
  const uidValidity = String(client.mailbox ? client.mailbox.uidValidity : '');
  const pending = await pendingUids(deps, client, mailbox.id, uidValidity);
  const candidates = pending.uids;
  let highest = pending.lastUid;
  const sizes = candidates.length ? await client.fetchAll(uidSet(candidates), { uid: true, size: true }, { uid: true }) : [];
  const sizeOf = new Map(sizes.map((m) => [m.uid, m.size ?? 0]));
  let taken = 0;
  let left = 0;
  for (const uid of candidates) {
    if (shouldStop()) {
      left += candidates.length - taken;
      break;
    }
    const size = sizeOf.get(uid) ?? 0;
    const imapOrigin = { mailbox: mailbox.identity, uidValidity, uid };
    if (size > deps.config.maxMessageBytes) {
      // Too large to take: only its headers are, so it is on record and its writer told (as SMTP's 552 does).
      const head = await client.fetchOne(String(uid), { uid: true, headers: true }, { uid: true });
      const headers = head ? head.headers : undefined;
      if (!headers) continue;
      await receiveOversizedMessage(deps, { raw: headers, size, channel: 'imap', envelopeTo: mailbox.envelopeTo, imapOrigin });
    } else {
      const message = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
      const raw = message ? message.source : undefined;
      if (!raw) continue; // expunged meanwhile by someone else
      await receiveInboundMessage(deps, { raw, channel: 'imap', envelopeTo: mailbox.envelopeTo, imapOrigin });
    }
    // Only now, with the message durable, may the server forget it is new.
    if (mailbox.moveTo) await client.messageMove(String(uid), mailbox.moveTo, { uid: true });
    else await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
    taken++;
    highest = Math.max(highest, uid);
    await recordMailboxState(deps, mailbox.id, { uid_validity: uidValidity, last_uid: highest, last_fetch_at: isoNow(deps) });
  }
  return { taken, left };
}

/**
 * Unseen UIDs, and every UID above the highest taken, in ascending order. Under a UIDVALIDITY not seen
 * before (the first connection, or every message renumbered), what is already there and read is history:
 * the highest taken becomes UIDNEXT - 1, and only unseen mail is taken.
 */
async function pendingUids(deps: Deps, client: ImapFlow, mailboxId: number, uidValidity: string): Promise<{ uids: number[]; lastUid: number }> {
  const state = await readUidState(deps, mailboxId);
  let lastUid = state?.uidValidity === uidValidity ? state.lastUid : null;
  if (lastUid === null) {
    lastUid = Math.max(0, Number(client.mailbox ? client.mailbox.uidNext : 1) - 1);
    await recordMailboxState(deps, mailboxId, { uid_validity: uidValidity, last_uid: lastUid });
  }
  const uids = new Set((await client.search({ seen: false }, { uid: true })) || []);
  // `n:*` always matches the last message, even below n (RFC 3501 §6.4.8): keep only those above.
  for (const uid of (await client.search({ uid: `${lastUid + 1}:*` }, { uid: true })) || []) if (uid > lastUid) uids.add(uid);
  return { uids: [...uids].sort((a, b) => a - b), lastUid };
}

/** Ascending UIDs as an IMAP sequence set with ranges (`1:4,7,9:12`), so a long backlog stays a short command line. */
export function uidSet(uids: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < uids.length; i++) {
    const start = uids[i]!;
    while (i + 1 < uids.length && uids[i + 1] === uids[i]! + 1) i++;
    parts.push(start === uids[i] ? String(start) : `${start}:${uids[i]}`);
  }
  return parts.join(',');
}
