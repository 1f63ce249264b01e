// What Postdesk will take as a person's address, to mail or to record: an ordinary mailbox. RFC 5321 allows
// more, and each extra is a way to make a relay mail someone who never wrote: an IP literal
// (`victim@[10.1.2.3]`), a quoted local part (`"a@b"@c`), source routing (`victim%host@relay`, `host!user`).

// Letters and digits of any script (SMTPUTF8 and internationalised domains are ordinary now).
const ATOM = "[\\p{L}\\p{N}#$&'*+/=?^_`{|}~-]+";
const LOCAL_PART = new RegExp(`^${ATOM}(?:\\.${ATOM})*$`, 'u');
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;
/** A top-level domain is letters (or an A-label, `xn--…`): never all digits, so `10.0.0.1` is no domain. */
const TOP_LABEL = /^(?:\p{L}{2,63}|xn--[a-z0-9-]{1,59})$/iu;

export function isMailboxAddress(address: string): boolean {
  if (address.length > 254) return false;
  const at = address.lastIndexOf('@');
  if (at <= 0 || at > 64) return false;
  const local = address.slice(0, at);
  const labels = address.slice(at + 1).split('.');
  return LOCAL_PART.test(local) && labels.length >= 2 && labels.every((label) => LABEL.test(label)) && TOP_LABEL.test(labels.at(-1)!);
}
