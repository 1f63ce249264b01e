// First start: the `root` admin and the `support-bot` user exist before anything else runs.
// Safe to run at every start and from several nodes at once: what exists is left alone.
import { isUniqueViolation } from '../../db/database.ts';
import { isoNow, type Deps } from '../deps.ts';
import { hashPassword, hashToken, randomPassword } from '../secrets.ts';
import { insertToken } from '../tokens/create-personal-access-token.ts';
import { insertUser } from '../users/create-user.ts';
import { findUserByUsername } from '../users/find-user.ts';

export const ROOT_USERNAME = 'root';
export const SUPPORT_BOT_USERNAME = 'support-bot';

export interface BootstrapResult {
  /** Set only when root was created now with a random password: shown once, never stored. */
  generatedRootPassword: string | null;
  rootCreated: boolean;
}

export async function bootstrapInstance(deps: Deps): Promise<BootstrapResult> {
  const now = isoNow(deps);
  let generatedRootPassword: string | null = null;
  let rootCreated = false;
  await ignoreIfRacedByAnotherNode(async () => {
    if (await findUserByUsername(deps.db.db, SUPPORT_BOT_USERNAME)) return;
    await insertUser(deps.db.db, {
      username: SUPPORT_BOT_USERNAME,
      email: 'support-bot@postdesk.invalid',
      name: 'Support Bot',
      bot: true,
      passwordHash: null,
      now,
    });
  });
  await ignoreIfRacedByAnotherNode(async () => {
    if (await findUserByUsername(deps.db.db, ROOT_USERNAME)) return;
    const password = deps.config.rootPassword ?? randomPassword();
    await insertUser(deps.db.db, {
      username: ROOT_USERNAME,
      email: 'root@postdesk.invalid',
      name: 'Administrator',
      admin: true,
      passwordHash: await hashPassword(password),
      now,
    });
    rootCreated = true;
    if (!deps.config.rootPassword) generatedRootPassword = password;
  });
  const rootToken = deps.config.rootToken;
  // The variable decides: a token it made before, under another value (or when it is now unset), stops working.
  await deps.db.db
    .updateTable('personal_access_tokens')
    .set({ revoked_at: now })
    .where('name', '=', ROOT_TOKEN_NAME)
    .where('revoked_at', 'is', null)
    .where('user_id', 'in', (eb) => eb.selectFrom('users').select('id').where('username', '=', ROOT_USERNAME))
    .$if(rootToken !== null, (q) => q.where('token_hash', '!=', hashToken(rootToken!)))
    .execute();
  if (rootToken) {
    await ignoreIfRacedByAnotherNode(async () => {
      const exists = await deps.db.db
        .selectFrom('personal_access_tokens')
        .select(['id', 'revoked_at'])
        .where('token_hash', '=', hashToken(rootToken))
        .executeTakeFirst();
      if (exists?.revoked_at) await deps.db.db.updateTable('personal_access_tokens').set({ revoked_at: null }).where('id', '=', exists.id).execute();
      if (exists) return;
      const root = await findUserByUsername(deps.db.db, ROOT_USERNAME);
      await insertToken(deps.db.db, { userId: root!.id, name: ROOT_TOKEN_NAME, token: rootToken, scopes: ['api'], expiresAt: null, now });
    });
  }
  return { generatedRootPassword, rootCreated };
}

const ROOT_TOKEN_NAME = 'POSTDESK_ROOT_TOKEN';

async function ignoreIfRacedByAnotherNode(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}
