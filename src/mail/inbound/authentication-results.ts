// Reading an `Authentication-Results` header (RFC 8601) — only ever the one stamped by TRUSTED_AUTHSERV_ID.
// Anyone can write this header into a mail; it means something only when a relay we trust wrote it and
// removed forgeries of its own id on the way in (RFC 8601 §5). So the topmost header of that id is read,
// and every other one is ignored, whatever it claims.
import { combineDkim, toAuthResult, toDmarcPolicy, type DmarcPolicy, type MailAuthentication } from '../../domain/mail-authentication.ts';
import type { HeaderField } from './parsed-message.ts';

export interface AuthResultsEntry {
  /** Lower-case, without a `/version`. */
  method: string;
  result: string;
  /** `reason` and `ptype.property` values, keys lower-case. */
  props: Record<string, string>;
  /** The text of the comments in this result, e.g. `p=REJECT sp=REJECT dis=NONE`. */
  comments: string[];
}

export interface ParsedAuthResults {
  authservId: string;
  entries: AuthResultsEntry[];
}

type Token = { kind: 'word' | 'quoted'; text: string } | { kind: 'equals' } | { kind: 'comment'; text: string };

/** Splits one header value into `;`-separated parts, each a list of tokens; quotes and (nested) comments respected. */
function lex(value: string): Token[][] {
  const parts: Token[][] = [[]];
  let i = 0;
  const current = () => parts[parts.length - 1]!;
  while (i < value.length) {
    const c = value[i]!;
    if (c === ';') {
      parts.push([]);
      i++;
    } else if (c === '=') {
      current().push({ kind: 'equals' });
      i++;
    } else if (c === '"') {
      let text = '';
      i++;
      while (i < value.length && value[i] !== '"') {
        if (value[i] === '\\') i++;
        text += value[i] ?? '';
        i++;
      }
      i++;
      current().push({ kind: 'quoted', text });
    } else if (c === '(') {
      let depth = 1;
      let text = '';
      i++;
      while (i < value.length && depth > 0) {
        const d = value[i]!;
        if (d === '\\') {
          text += value[i + 1] ?? '';
          i += 2;
          continue;
        }
        if (d === '(') depth++;
        if (d === ')') depth--;
        if (depth > 0) text += d;
        i++;
      }
      current().push({ kind: 'comment', text: text.trim() });
    } else if (/\s/.test(c)) {
      i++;
    } else {
      let text = '';
      while (i < value.length && !/[\s;="(]/.test(value[i]!)) text += value[i++];
      current().push({ kind: 'word', text });
    }
  }
  return parts;
}

/** The header's authserv-id and results, or null when it has no authserv-id. Never throws. */
export function parseAuthenticationResults(value: string): ParsedAuthResults | null {
  const [head = [], ...rest] = lex(value);
  const id = head.find((t) => t.kind === 'word' || t.kind === 'quoted');
  if (!id || !('text' in id) || !id.text) return null;
  const entries: AuthResultsEntry[] = [];
  for (const part of rest) {
    const comments = part.filter((t) => t.kind === 'comment').map((t) => (t as { text: string }).text);
    const tokens = part.filter((t) => t.kind !== 'comment');
    // methodspec: method [ "/" version ] "=" result; `none` alone means "no results" (RFC 8601 §2.2).
    const [method, equals, result] = tokens;
    if (method?.kind !== 'word' || equals?.kind !== 'equals' || (result?.kind !== 'word' && result?.kind !== 'quoted')) continue;
    const props: Record<string, string> = {};
    for (let k = 3; k < tokens.length; k++) {
      const [key, eq, val] = [tokens[k], tokens[k + 1], tokens[k + 2]];
      if (key?.kind === 'word' && eq?.kind === 'equals' && (val?.kind === 'word' || val?.kind === 'quoted')) {
        props[key.text.toLowerCase()] = val.text;
        k += 2;
      }
    }
    entries.push({ method: method.text.split('/')[0]!.toLowerCase(), result: result.text.toLowerCase(), props, comments });
  }
  return { authservId: id.text, entries };
}

/** The verdict of the topmost `Authentication-Results` whose authserv-id is `authservId`, or null when there is none. */
export function trustedVerdict(headers: HeaderField[], authservId: string, domain: string | null): MailAuthentication | null {
  const wanted = authservId.toLowerCase();
  for (const header of headers) {
    if (header.name !== 'authentication-results') continue;
    const parsed = parseAuthenticationResults(header.value);
    if (parsed?.authservId.toLowerCase() !== wanted) continue;
    const results = (method: string) => parsed.entries.filter((e) => e.method === method);
    const dmarc = results('dmarc')[0];
    return {
      dkim: combineDkim(results('dkim').map((e) => toAuthResult(e.result))),
      spf: toAuthResult(results('spf')[0]?.result ?? 'none'),
      dmarc: toAuthResult(dmarc?.result ?? 'none'),
      source: 'trusted_relay',
      domain,
      dmarc_policy: dmarc ? policyOf(dmarc) : null,
    };
  }
  return null;
}

/**
 * Relays say the policy in different places: `policy.dmarc=reject` or `polrec.p=reject` (properties),
 * `(p=REJECT sp=NONE dis=NONE)` (OpenDMARC, Gmail, mailauth), `(policy=reject)` (rspamd), `action=oreject`
 * (Microsoft 365). Null when none of them is there.
 */
function policyOf(entry: AuthResultsEntry): DmarcPolicy | null {
  const property = entry.props['policy.dmarc'] ?? entry.props['polrec.p'] ?? entry.props['policy.published-domain-policy'];
  if (toDmarcPolicy(property)) return toDmarcPolicy(property);
  for (const comment of entry.comments) {
    const match = /(?:^|[\s;])(?:p|policy)\s*=\s*(none|quarantine|reject)\b/i.exec(comment);
    if (match) return toDmarcPolicy(match[1]);
  }
  const action = entry.props.action?.toLowerCase();
  if (action) return action.includes('reject') ? 'reject' : action.includes('quarantine') ? 'quarantine' : action === 'none' ? 'none' : null;
  return null;
}
