// Access tokens for XOAUTH2 (issue 8), one source for the IMAP readers and the SMTP senders of every
// process. The token is cached in its oauth2_grants row, sealed, rather than in memory: senders run in
// every worker process, and a refresh by one then serves all (providers throttle their token endpoints,
// and a process that restarts does not start with a refresh); and the refresh token a provider rotates
// (Microsoft does, with each access token) must reach the database anyway, or the next refresh, by
// whichever process, would present a spent one. So that two processes never refresh at once — with a
// rotating provider the loser would hold a refresh token already replaced — a refresh runs under the
// named lock `oauth2-grant:<id>` (db/locks.ts) and looks at the row again once it holds it.
// A token is handed out only while more than REFRESH_MARGIN_MS is left, so it never expires on its way to
// the server; one a server refused is never handed out again. Nothing here logs or quotes a token.
import type { Deps } from '../../app/deps.ts';
import { findOAuth2Grant, openCachedAccessToken, openOAuth2Credentials, recordIssuedToken, recordRefreshFailure } from '../../app/oauth2/oauth2-grants.ts';
import { hasExpired, isFresh } from '../../domain/oauth2.ts';
import type { OAuth2GrantRow } from '../../db/schema/oauth2-grants.ts';
import type { HeldLock, LockService } from '../../db/locks.ts';
import type { SmtpLogin } from '../outbound/smtp-sender.ts';
import { requestAccessToken, type TokenEndpoint } from './token-endpoint.ts';

/** A refresh that failed; the message is fit for a mailbox's last_error. */
export class OAuth2Error extends Error {
  constructor(
    message: string,
    /** Asking again with the same credentials will not help. */
    readonly permanent: boolean,
  ) {
    super(`OAuth 2.0: ${message}`);
    this.name = 'OAuth2Error';
  }
}

export interface AccessTokens {
  /**
   * An access token of the credentials `grantId` with more than the margin left, refreshed first when
   * needed. `refused`: a token a server has just refused, never handed out again. Throws OAuth2Error.
   */
  get(grantId: number, options?: { refused?: string }): Promise<string>;
}

/**
 * An SMTP login (outbound/smtp-sender.ts) with XOAUTH2 for the account `user` of the credentials `grantId`:
 * a refused token is reported as such, so the renewed one is really new.
 */
export function smtpOAuth2(tokens: AccessTokens, grantId: number, user: string): SmtpLogin {
  let last: string | undefined;
  return {
    user,
    accessToken: async (renew) => {
      last = await tokens.get(grantId, renew ? { refused: last } : {});
      return last;
    },
  };
}

/** How long a refresh waits for another process's refresh of the same credentials. */
const LOCK_WAIT_MS = 20_000;

export function createAccessTokens(deps: Deps, locks: LockService, endpoint: TokenEndpoint = requestAccessToken): AccessTokens {
  /** Refreshes running in this process: callers asking meanwhile wait for the same one. */
  const running = new Map<number, Promise<string>>();

  const usable = (row: OAuth2GrantRow, refused: string | undefined) => {
    if (!isFresh(row.access_token_expires_at, deps.clock())) return null;
    const token = openCachedAccessToken(deps, row);
    return token !== null && token !== refused ? token : null;
  };

  async function refresh(grantId: number, refused: string | undefined): Promise<string> {
    const lock = await acquire(locks, `oauth2-grant:${grantId}`);
    try {
      const row = await findOAuth2Grant(deps.db.db, grantId);
      if (!row) throw new OAuth2Error('the credentials were removed', true);
      const cached = usable(row, refused); // another process refreshed while we waited
      if (cached) return cached;
      let credentials: ReturnType<typeof openOAuth2Credentials>;
      try {
        credentials = openOAuth2Credentials(deps, row);
      } catch {
        const message = 'the stored credentials do not open with this SECRET_KEY (was it changed?); connect the account again';
        await recordRefreshFailure(deps, grantId, message);
        throw new OAuth2Error(message, true);
      }
      const answer = await endpoint(credentials, deps.clock);
      if (answer.kind === 'token') {
        await recordIssuedToken(deps, grantId, answer);
        return answer.accessToken;
      }
      await recordRefreshFailure(deps, grantId, answer.message);
      // A token endpoint that is down does not spoil the token held: it serves until it expires.
      const held = answer.permanent || hasExpired(row.access_token_expires_at, deps.clock()) ? null : openCachedAccessToken(deps, row);
      if (held !== null && held !== refused) return held;
      throw new OAuth2Error(answer.message, answer.permanent);
    } finally {
      await lock.release();
    }
  }

  return {
    async get(grantId, { refused } = {}) {
      const row = await findOAuth2Grant(deps.db.db, grantId);
      if (!row) throw new OAuth2Error('the credentials were removed', true);
      const cached = usable(row, refused);
      if (cached) return cached;
      let pending = running.get(grantId);
      if (!pending) {
        pending = refresh(grantId, refused).finally(() => running.delete(grantId));
        running.set(grantId, pending);
      }
      return pending;
    },
  };
}

async function acquire(locks: LockService, name: string): Promise<HeldLock> {
  const started = Date.now();
  for (;;) {
    const lock = await locks.tryAcquire(name);
    if (lock) return lock;
    if (Date.now() - started > LOCK_WAIT_MS) throw new OAuth2Error('another process has been refreshing this token for too long; trying again later', false);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
