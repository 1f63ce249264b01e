// Reply keys: the unguessable token in the Reply-To address of every mail we send (DESIGN §1).
// 128 random bits as 32 lower-case hex characters: GitLab's legacy shape (SD-53), so `^\w+$` routing holds.

import { extraAddressKeyProblem } from './extra-address.ts';

export const REPLY_KEY_PATTERN = /^[0-9a-f]{32}$/;

/** SD-18: what a key in an address asks for. */
export type KeyMeaning =
  | { kind: 'reply'; replyKey: string }
  | { kind: 'unsubscribe'; replyKey: string }
  /** The VERP return path of one outgoing mail: its outbox id and a signature (app/outbound/bounce-address.ts). */
  | { kind: 'bounce'; outboundId: number; signature: string }
  | { kind: 'project'; slug: string; projectId: number }
  | { kind: 'project_key'; slug: string; projectKey: string }
  | { kind: 'extra_address'; slug: string; addressKey: string }
  | { kind: 'legacy_path'; path: string }
  | { kind: 'unknown' };

/**
 * Reads a key taken from an incoming address. `alias` says it came through the alias mailbox, where
 * `<slug>-<project_key>` keys live (SD-10); the `-<id>-issue-` form works on both (SD-05, SD-10).
 */
export function interpretKey(key: string, alias: boolean): KeyMeaning {
  const lower = key.toLowerCase();
  const unsubscribe = /^([0-9a-f]{32})-unsubscribe$/.exec(lower);
  if (unsubscribe) return { kind: 'unsubscribe', replyKey: unsubscribe[1]! };
  if (REPLY_KEY_PATTERN.test(lower)) return { kind: 'reply', replyKey: lower };
  const bounce = /^bounce-(\d{1,15})-([0-9a-f]{16})$/.exec(lower);
  if (bounce) return { kind: 'bounce', outboundId: Number(bounce[1]), signature: bounce[2]! };
  const byId = /^(.+)-(\d+)-issue-$/.exec(lower);
  if (byId) return { kind: 'project', slug: byId[1]!, projectId: Number(byId[2]) };
  const byKey = /^([a-z0-9-]+)-([a-z0-9_]+)$/.exec(lower);
  // The same shape means a project key on the alias and an extra address on the main template (extra-address.ts).
  if (byKey && alias) return { kind: 'project_key', slug: byKey[1]!, projectKey: byKey[2]! };
  if (byKey && extraAddressKeyProblem(byKey[2]!) === null) return { kind: 'extra_address', slug: byKey[1]!, addressKey: byKey[2]! };
  // SD-06: a full project path, as in `incoming+group/project@host`.
  if (key.includes('/') && !key.includes('+')) return { kind: 'legacy_path', path: key };
  return { kind: 'unknown' };
}

/**
 * Reply keys hidden in text shown to anyone but the recipient (the mail log's Reply-To, References, headers
 * and bodies): a key lets whoever holds it write into the ticket as that participant. The first four hex
 * digits stay, to tell keys apart. Message-IDs (`<hex@host>`) are not keys and stay whole.
 */
export function maskReplyKeys(text: string): string {
  return text.replace(/(?<![<0-9a-f])([0-9a-f]{4})[0-9a-f]{28}(?![0-9a-f])/g, '$1…');
}
