import assert from 'node:assert/strict';
import { it } from 'node:test';
import { customEmailProblem, emailProblem, projectKeyProblem, projectPathProblem, usernameProblem } from './validation.ts';

it('accepts GitLab-style project paths and refuses the rest', () => {
  for (const ok of ['acme', 'acme/billing', 'My.Group/Proj_X', 'a']) assert.equal(projectPathProblem(ok), null, ok);
  for (const bad of ['', 'has space', '/lead', 'trail/', 'a//b', '-x', 'x.git', 'ü']) assert.notEqual(projectPathProblem(bad), null, bad);
});

it('validates project keys as SD-09 says', () => {
  assert.equal(projectKeyProblem('support_1'), null);
  assert.notEqual(projectKeyProblem('Support-1'), null);
  assert.notEqual(projectKeyProblem('x'.repeat(256)), null);
});

it('validates custom email addresses as SD-90 says', () => {
  assert.equal(customEmailProblem('support@acme.io'), null);
  assert.notEqual(customEmailProblem('support+x@acme.io'), null);
  assert.notEqual(customEmailProblem('support@acme.i'), null);
});

it('validates usernames and email addresses', () => {
  assert.equal(usernameProblem('alice.b-c_d'), null);
  assert.notEqual(usernameProblem('.alice'), null);
  assert.equal(emailProblem('alice@example.com'), null);
  assert.notEqual(emailProblem('alice@'), null);
  assert.notEqual(emailProblem('Alice <alice@example.com>'), null);
});
