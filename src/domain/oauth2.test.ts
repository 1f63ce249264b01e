// What a token endpoint's answer means, which token URLs are accepted, and when a cached token is too old.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasExpired, isFresh, providerScope, providerTokenUrl, readTokenAnswer, tokenUrlProblem } from './oauth2.ts';

const NOW = new Date('2026-06-01T10:00:00.000Z');

describe('readTokenAnswer', () => {
  it('reads a token, its lifetime (also as a string) and a rotated refresh token', () => {
    assert.deepEqual(readTokenAnswer(200, { access_token: 'at', token_type: 'Bearer', expires_in: 3599, refresh_token: 'rt2' }, NOW), {
      kind: 'token',
      accessToken: 'at',
      expiresAt: new Date('2026-06-01T10:59:59.000Z'),
      refreshToken: 'rt2',
    });
    const stringLifetime = readTokenAnswer(200, { access_token: 'at', token_type: 'bearer', expires_in: '120' }, NOW);
    assert.equal(stringLifetime.kind === 'token' && stringLifetime.expiresAt.toISOString(), '2026-06-01T10:02:00.000Z');
    assert.equal(stringLifetime.kind === 'token' && stringLifetime.refreshToken, null, 'no refresh_token: the old one stays');
  });

  it('assumes an hour when expires_in is missing, and refuses a token that is not Bearer', () => {
    const answer = readTokenAnswer(200, { access_token: 'at' }, NOW);
    assert.equal(answer.kind === 'token' && answer.expiresAt.toISOString(), '2026-06-01T11:00:00.000Z');
    assert.equal(readTokenAnswer(200, { access_token: 'at', token_type: 'mac' }, NOW).kind, 'refused');
  });

  it('names a refusal with its code, description and a hint, permanent for invalid_grant and invalid_client', () => {
    const revoked = readTokenAnswer(400, { error: 'invalid_grant', error_description: 'Token has been\nexpired or revoked.' }, NOW);
    assert.equal(revoked.kind, 'refused');
    assert.equal(revoked.kind === 'refused' && revoked.permanent, true);
    assert.match(
      revoked.kind === 'refused' ? revoked.message : '',
      /invalid_grant \(Token has been expired or revoked\.\); the refresh token expired or was revoked/,
    );
    const client = readTokenAnswer(401, { error: 'invalid_client' }, NOW);
    assert.equal(client.kind === 'refused' && client.permanent, true);
    assert.match(client.kind === 'refused' ? client.message : '', /check the client id and client secret/);
  });

  it('treats an outage or an answer without a token as transient', () => {
    assert.deepEqual(readTokenAnswer(503, null, NOW), { kind: 'refused', permanent: false, message: 'the token endpoint answered HTTP 503' });
    assert.equal(readTokenAnswer(200, { token: 'x' }, NOW).kind, 'refused');
    assert.equal(readTokenAnswer(429, { error: 'temporarily_unavailable' }, NOW).kind === 'refused', true);
  });

  it('bounds what a provider writes into last_error', () => {
    const long = readTokenAnswer(400, { error: 'invalid_request', error_description: 'x'.repeat(5000) }, NOW);
    assert.ok(long.kind === 'refused' && long.message.length < 500, 'clipped');
  });
});

describe('tokenUrlProblem', () => {
  it('wants https, http only when allowed, and no credentials in the URL', () => {
    assert.equal(tokenUrlProblem('https://login.example.com/token', false), null);
    assert.match(tokenUrlProblem('http://127.0.0.1:8080/token', false) ?? '', /OAUTH2_ALLOW_HTTP_TOKEN_URL/);
    assert.equal(tokenUrlProblem('http://127.0.0.1:8080/token', true), null);
    assert.ok(tokenUrlProblem('ftp://x/token', true), 'other schemes refused');
    assert.ok(tokenUrlProblem('https://id:secret@login.example.com/token', false), 'credentials refused');
    assert.ok(tokenUrlProblem('not a url', false), 'garbage refused');
  });

  it('knows the providers', () => {
    assert.equal(providerTokenUrl('google'), 'https://oauth2.googleapis.com/token');
    assert.match(providerTokenUrl('microsoft'), /^https:\/\/login\.microsoftonline\.com\//);
    assert.match(providerScope('microsoft', 'imap') ?? '', /IMAP\.AccessAsUser\.All/);
    assert.match(providerScope('microsoft', 'smtp') ?? '', /SMTP\.Send/);
    assert.equal(providerScope('google', 'imap'), null);
  });
});

describe('isFresh / hasExpired', () => {
  it('uses a token only while more than the margin is left', () => {
    assert.equal(isFresh('2026-06-01T10:01:01.000Z', NOW), true);
    assert.equal(isFresh('2026-06-01T10:00:59.000Z', NOW), false, 'within a minute of expiry: refresh');
    assert.equal(isFresh(null, NOW), false);
    assert.equal(hasExpired('2026-06-01T10:00:59.000Z', NOW), false);
    assert.equal(hasExpired('2026-06-01T10:00:00.000Z', NOW), true);
  });
});
