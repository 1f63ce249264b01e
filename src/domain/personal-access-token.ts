// Rules of personal access tokens that need no I/O: which scopes exist, what they allow, when a token is spent.
export const TOKEN_SCOPES = ['api', 'read_api'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export function scopesAllow(scopes: readonly string[], write: boolean): boolean {
  return scopes.includes('api') || (!write && scopes.includes('read_api'));
}

/** GitLab semantics: a token with `expires_at: 2026-12-01` works until the end of 30 November, UTC. */
export function isTokenUsable(token: { expiresAt: string | null; revokedAt: string | null }, now: Date): boolean {
  if (token.revokedAt) return false;
  return token.expiresAt === null || now.toISOString().slice(0, 10) < token.expiresAt.slice(0, 10);
}
