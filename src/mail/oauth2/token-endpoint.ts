// The refresh_token grant (RFC 6749 §6) over HTTP: one form-encoded POST to the token URL, the client
// authenticated with client_id/client_secret in the body (§2.3.1; what Microsoft and Google accept). The
// answer is bounded in time and size and never followed to another address (a redirect would carry the
// secrets elsewhere); what it means is domain/oauth2.ts's to say. Errors never quote a secret.
import { readTokenAnswer, type TokenAnswer } from '../../domain/oauth2.ts';
import type { OAuth2Credentials } from '../../app/oauth2/oauth2-grants.ts';

const TIMEOUT_MS = 15_000;
const MAX_ANSWER_BYTES = 64 * 1024;

export type TokenEndpoint = (credentials: OAuth2Credentials, now: () => Date) => Promise<TokenAnswer>;

export const requestAccessToken: TokenEndpoint = async (credentials, now) => {
  const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: credentials.refreshToken, client_id: credentials.clientId });
  if (credentials.clientSecret) form.set('client_secret', credentials.clientSecret);
  if (credentials.scope) form.set('scope', credentials.scope);
  let response: Response;
  try {
    response = await fetch(credentials.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    return { kind: 'refused', permanent: false, message: `the token endpoint could not be reached (${cause})` };
  }
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel();
    return { kind: 'refused', permanent: true, message: `the token endpoint redirected (HTTP ${response.status}); give the final token URL` };
  }
  const text = await boundedText(response).catch(() => null); // cut off by the timeout
  let body: unknown = null;
  try {
    body = text === null ? null : JSON.parse(text);
  } catch {
    body = null;
  }
  return readTokenAnswer(response.status, body, now());
};

async function boundedText(response: Response): Promise<string | null> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > MAX_ANSWER_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
