import assert from 'node:assert/strict';
import { it } from 'node:test';
import { mentionedUsernames } from './team-notifications.ts';

it('finds @mentions, once each, lower-cased', () => {
  assert.deepEqual(mentionedUsernames('Hi @Alice and @bob.smith, @alice again.'), ['alice', 'bob.smith']);
});

it('does not take addresses, code or quotes for mentions', () => {
  assert.deepEqual(mentionedUsernames('mail carol@example.com\n`@dave` in code\n> @erin quoted\n```\n@frank\n```\n@gina'), ['gina']);
});
