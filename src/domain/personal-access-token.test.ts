import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isTokenUsable, scopesAllow } from './personal-access-token.ts';

it('lets read_api read but not write; api does both', () => {
  assert.equal(scopesAllow(['read_api'], false), true);
  assert.equal(scopesAllow(['read_api'], true), false);
  assert.equal(scopesAllow(['api'], true), true);
  assert.equal(scopesAllow([], false), false);
});

it('expires a token at the start of its expiry date, UTC', () => {
  const token = { expiresAt: '2026-12-01', revokedAt: null };
  assert.equal(isTokenUsable(token, new Date('2026-11-30T23:59:59Z')), true);
  assert.equal(isTokenUsable(token, new Date('2026-12-01T00:00:00Z')), false);
  assert.equal(isTokenUsable({ expiresAt: null, revokedAt: '2026-01-01T00:00:00Z' }, new Date('2026-01-02T00:00:00Z')), false);
});
