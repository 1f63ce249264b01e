// DKIM signatures on everything we send (RFC 6376; Ed25519 per RFC 8463), so receivers can trust that a
// mail from the desk is from the desk. Canonicalisation relaxed/relaxed (survives relays that refold
// headers or trim trailing spaces). The private-key operation runs in libuv's threadpool (the callback
// form of crypto.sign): an RSA-2048 signature costs ~1 ms of CPU, which must not stall the event loop that
// answers SMTP and HTTP. Hashing stays here: it is cheap next to composing the message.
import { createHash, sign } from 'node:crypto';
import type { DkimKey } from '../../config/dkim-key.ts';

export interface DkimSigner {
  /** The message with a DKIM-Signature header in front; lone LFs become CRLF first (what is signed is what is sent). */
  sign(raw: string, now: Date): Promise<string>;
}

/**
 * The headers signed when present. From is also signed once more than it occurs ("oversigned"): a second
 * From added in transit then breaks the signature (RFC 6376 §8.15). List-Unsubscribe and its -Post must be
 * signed for one-click unsubscribing to be honoured (RFC 8058 §4).
 */
const SIGNED = [
  'from',
  'sender',
  'reply-to',
  'subject',
  'date',
  'message-id',
  'to',
  'cc',
  'in-reply-to',
  'references',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
  'list-unsubscribe',
  'list-unsubscribe-post',
  'auto-submitted',
  'x-auto-response-suppress',
];
const OVERSIGNED = new Set(['from', 'subject', 'to', 'reply-to']);

export function createDkimSigner(dkim: DkimKey): DkimSigner {
  return {
    async sign(raw, now) {
      const message = raw.replace(/\r?\n/g, '\r\n');
      const split = message.indexOf('\r\n\r\n');
      const head = split === -1 ? message : message.slice(0, split + 2);
      const body = split === -1 ? '' : message.slice(split + 4);
      const fields = headerFields(head);
      const names: string[] = [];
      for (const name of SIGNED) {
        const count = fields.filter((f) => f.name === name).length;
        for (let i = 0; i < count + (OVERSIGNED.has(name) ? 1 : 0); i++) names.push(name);
      }
      const lines = [
        `v=1; a=${dkim.algorithm}; c=relaxed/relaxed; d=${dkim.domain}; s=${dkim.selector}; t=${Math.floor(now.getTime() / 1000)}`,
        `h=${names.join(':')}`,
        `bh=${createHash('sha256').update(relaxedBody(body)).digest('base64')}`,
        'b=',
      ];
      // Folded between tags; the verifier unfolds it the same way (relaxed), so b= is computed over this very form.
      const unsigned = lines.join(';\r\n ');
      const data = Buffer.from(signedHeaders(fields, names) + relaxedHeader('DKIM-Signature', unsigned), 'utf8');
      const signature = await signAsync(dkim, data);
      return `DKIM-Signature: ${unsigned}${signature}\r\n${message}`;
    },
  };
}

interface Field {
  name: string;
  /** The whole field as written, folding included, without the final CRLF. */
  line: string;
}

function headerFields(head: string): Field[] {
  const fields: Field[] = [];
  for (const line of head.split('\r\n')) {
    if (line === '') continue;
    if ((line.startsWith(' ') || line.startsWith('\t')) && fields.length > 0) fields[fields.length - 1]!.line += `\r\n${line}`;
    else fields.push({ name: line.slice(0, line.indexOf(':')).trim().toLowerCase(), line });
  }
  return fields;
}

/** RFC 6376 §3.4.2: lower-case name, unfolded, runs of whitespace as one space, none around the colon or at the end. */
function relaxedHeader(name: string, value: string): string {
  const unfolded = value.replace(/\r\n(?=[ \t])/g, '');
  return `${name.trim().toLowerCase()}:${unfolded.replace(/[ \t]+/g, ' ').trim()}`;
}

/** The h= fields in order, each taken from the bottom up (RFC 6376 §5.4.2); a name with no instance left signs nothing. */
function signedHeaders(fields: Field[], names: string[]): string {
  const used = new Map<string, number>();
  let out = '';
  for (const name of names) {
    const instances = fields.filter((f) => f.name === name);
    const taken = used.get(name) ?? 0;
    used.set(name, taken + 1);
    const field = instances[instances.length - 1 - taken];
    if (!field) continue;
    const colon = field.line.indexOf(':');
    out += `${relaxedHeader(field.line.slice(0, colon), field.line.slice(colon + 1))}\r\n`;
  }
  return out;
}

/** RFC 6376 §3.4.4: trailing whitespace dropped, inner runs as one space, empty lines at the end dropped. */
function relaxedBody(body: string): string {
  const lines = body.split('\r\n').map((line) => line.replace(/[ \t]+$/, '').replace(/[ \t]+/g, ' '));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.length === 0 ? '' : `${lines.join('\r\n')}\r\n`;
}

/** rsa-sha256 signs the data with SHA-256; ed25519-sha256 signs the SHA-256 hash of it (RFC 8463 §3). */
function signAsync(dkim: DkimKey, data: Buffer): Promise<string> {
  const rsa = dkim.algorithm === 'rsa-sha256';
  const input = rsa ? data : createHash('sha256').update(data).digest();
  return new Promise((resolve, reject) =>
    sign(rsa ? 'sha256' : null, input, dkim.key, (error, signature) => (error ? reject(error) : resolve(signature.toString('base64')))),
  );
}
