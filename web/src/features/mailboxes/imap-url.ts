// The connect form takes the password in a field of its own (masked on screen, never in a URL the agent
// has to encode by hand) and puts it into the IMAP URL the API takes. Pure, so it is tested under node.

/**
 * `url` with `password` as its password, URL-encoded (the server decodes it: `p@ss:w%rd` survives).
 * Without a password the URL goes as typed (it may carry one already); a URL that does not parse goes as
 * typed too, and the server says what is wrong with it.
 */
export function imapUrlWithPassword(url: string, password: string): string {
  const text = url.trim();
  if (!password) return text;
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return text;
  }
  if (!parsed.host) return text;
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

/** `desk%40example.com@imap.example.com:993/INBOX` as a person reads it: `desk@example.com@imap.example.com:993/INBOX`. */
export function readableIdentity(identity: string): string {
  try {
    return decodeURIComponent(identity);
  } catch {
    return identity;
  }
}
