import type { Generated, Selectable } from 'kysely';

export interface PersonalAccessTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  /** SHA-256 of the token: tokens carry 256 random bits, so a fast hash is enough and lookups stay indexed. */
  token_hash: string;
  /** Comma-separated scopes (`api`, `read_api`). */
  scopes: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
  created_at: string;
}

export type PersonalAccessTokenRow = Selectable<PersonalAccessTokensTable>;
