// Signing in and out with a browser session, and changing one's password. The contract (common to the
// web app): POST /session → { user, csrf_token } and the `postdesk_session` cookie; GET /session → the same
// while the cookie is valid; DELETE /session → 204.
import { endSession } from '../../app/sessions/authenticate-session.ts';
import { changePassword } from '../../app/sessions/change-password.ts';
import { csrfTokenFor } from '../../app/sessions/session-secrets.ts';
import { signIn } from '../../app/sessions/sign-in.ts';
import { getUserById } from '../../app/users/find-user.ts';
import { defineRoute } from '../route.ts';
import { clearSessionCookie, sessionCookie, setSessionCookie } from './cookie.ts';
import { presentSession } from './presenters.ts';
import { changePasswordBody, sessionView, signInBody } from './schemas.ts';

export const sessionRoutes = [
  defineRoute<undefined, undefined, { login: string; password: string }, 'public'>({
    method: 'POST',
    path: '/session',
    auth: 'public',
    tag: 'session',
    summary:
      'Sign in with a username or email and a password: sets the HTTP-only session cookie (a new one at every sign-in) and returns the CSRF token for writes. 401 invalid_credentials; 429 with Retry-After after too many failures',
    body: signInBody,
    status: 200,
    response: sessionView,
    async handler({ ctx, body, request, reply }) {
      const previous = sessionCookie(request);
      const { user, sessionId } = await signIn(ctx, { login: body.login, password: body.password, address: request.ip, previousSessionId: previous });
      setSessionCookie(reply, ctx.config, sessionId);
      return presentSession(user, csrfTokenFor(sessionId));
    },
  }),
  defineRoute<undefined, undefined, undefined, 'session'>({
    method: 'GET',
    path: '/session',
    auth: 'session',
    tag: 'session',
    summary: 'The signed-in user and the CSRF token of this session (after a reload); 401 without a valid session cookie',
    status: 200,
    response: sessionView,
    async handler({ ctx, auth }) {
      return presentSession(await getUserById(ctx.db.db, auth.actor.userId), auth.session.csrfToken);
    },
  }),
  defineRoute<undefined, undefined, undefined, 'session'>({
    method: 'DELETE',
    path: '/session',
    auth: 'session',
    tag: 'session',
    summary: 'Sign out: ends this session on the server and clears the cookie (X-CSRF-Token needed)',
    status: 204,
    async handler({ ctx, auth, reply }) {
      await endSession(ctx, auth.session.rowId);
      clearSessionCookie(reply, ctx.config);
    },
  }),
  defineRoute<undefined, undefined, { current_password: string; password: string }>({
    method: 'PUT',
    path: '/user/password',
    auth: 'token',
    tag: 'users',
    summary:
      'Change your password (the current one is needed); ends your other sessions, keeps this one. 400 names a wrong current_password or a weak password',
    body: changePasswordBody,
    status: 204,
    async handler({ ctx, auth, body, request }) {
      await changePassword(ctx, auth.actor, {
        currentPassword: body.current_password,
        password: body.password,
        address: request.ip,
        keepSessionRowId: auth.session?.rowId ?? null,
      });
    },
  }),
];
