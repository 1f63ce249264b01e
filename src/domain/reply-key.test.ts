// interpretKey (SD-18): what the key taken from an incoming address asks for.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addressTemplateMatcher } from './address-template.ts';
import { interpretKey, maskReplyKeys, REPLY_KEY_PATTERN } from './reply-key.ts';

const KEY = '59d8df8370b7e95c5a49fbf86aeb2c93';

describe('interpretKey', () => {
  it('a 32-hex key is a reply key (SD-53), upper case folded to lower', () => {
    assert.deepEqual(interpretKey(KEY, false), { kind: 'reply', replyKey: KEY });
    assert.deepEqual(interpretKey(KEY.toUpperCase(), false), { kind: 'reply', replyKey: KEY });
    assert.deepEqual(interpretKey(KEY, true), { kind: 'reply', replyKey: KEY });
  });

  it('anything but exactly 32 hex characters is not a reply key', () => {
    assert.deepEqual(interpretKey(KEY.slice(1), false), { kind: 'unknown' });
    assert.deepEqual(interpretKey(`${KEY}0`, false), { kind: 'unknown' });
    assert.deepEqual(interpretKey(`QQ${KEY.slice(2)}`, false), { kind: 'unknown' }); // GitLab's wrong_mail_key.eml
    assert.ok(!REPLY_KEY_PATTERN.test(KEY.toUpperCase()), 'the stored form is lower case');
  });

  it('<key>-unsubscribe asks to unsubscribe (SD-18)', () => {
    assert.deepEqual(interpretKey(`${KEY}-unsubscribe`, false), { kind: 'unsubscribe', replyKey: KEY });
    assert.deepEqual(interpretKey(`${KEY.toUpperCase()}-UNSUBSCRIBE`, false), { kind: 'unsubscribe', replyKey: KEY });
    assert.deepEqual(interpretKey('abc-unsubscribe', false), { kind: 'unknown' });
  });

  it('<slug>-<id>-issue- names a project by id, on either mailbox (SD-05, SD-10)', () => {
    assert.deepEqual(interpretKey('gitlab-org-gitlab-ce-20-issue-', false), { kind: 'project', slug: 'gitlab-org-gitlab-ce', projectId: 20 });
    assert.deepEqual(interpretKey('Email-Test-7-issue-', true), { kind: 'project', slug: 'email-test', projectId: 7 });
    // GitLab's fixtures before their placeholders are filled in: no id, so no project.
    assert.deepEqual(interpretKey('email-test-project_id-issue-', false), { kind: 'unknown' });
  });

  it('<slug>-<project_key> on the alias mailbox (SD-08, SD-10); on the main one the shape is an extra address', () => {
    assert.deepEqual(interpretKey('mygroup-myproject-support', true), { kind: 'project_key', slug: 'mygroup-myproject', projectKey: 'support' });
    assert.deepEqual(interpretKey('email-test-my_key_2', true), { kind: 'project_key', slug: 'email-test', projectKey: 'my_key_2' });
    assert.deepEqual(interpretKey('mygroup-myproject-support', false), { kind: 'extra_address', slug: 'mygroup-myproject', addressKey: 'support' });
    assert.deepEqual(interpretKey('mygroup-myproject-issue', false), { kind: 'unknown' }, 'a reserved key');
    assert.deepEqual(interpretKey('nodash', true), { kind: 'unknown' });
  });

  it('a full project path is the legacy format (SD-06), but not with a + (GitLab per-user token addresses)', () => {
    assert.deepEqual(interpretKey('email/test', false), { kind: 'legacy_path', path: 'email/test' });
    assert.deepEqual(interpretKey('Group/Sub/App', false), { kind: 'legacy_path', path: 'Group/Sub/App' });
    assert.deepEqual(interpretKey('gitlabhq/gitlabhq+auth_token', false), { kind: 'unknown' });
    assert.deepEqual(interpretKey('gitlabhq/gitlabhq+merge-request+auth_token', false), { kind: 'unknown' });
  });

  it('anything else means nothing (SD-18: `incoming+!!!@…`)', () => {
    assert.deepEqual(interpretKey('!!!', false), { kind: 'unknown' });
    assert.deepEqual(interpretKey('gitlabhq-gitlabhq-project_id-auth_token-issue', false), { kind: 'unknown' });
  });

  it('reads the keys of addresses as the template matcher hands them over', () => {
    const incoming = addressTemplateMatcher('incoming+%{key}@appmail.adventuretime.ooo');
    const key = (address: string) => interpretKey(incoming.keyOf(address)!, false);
    assert.deepEqual(key(`<incoming+${KEY}@APPMAIL.adventuretime.ooo>`), { kind: 'reply', replyKey: KEY });
    assert.deepEqual(key('incoming+email-test-7-issue-@appmail.adventuretime.ooo'), { kind: 'project', slug: 'email-test', projectId: 7 });
    assert.deepEqual(key('incoming+email/test@appmail.adventuretime.ooo'), { kind: 'legacy_path', path: 'email/test' });
  });
});

describe('maskReplyKeys', () => {
  const key = '0123456789abcdef0123456789abcdef';
  it('hides every reply key but its first four digits, wherever it sits', () => {
    assert.equal(maskReplyKeys(`Support <support+${key}@desk.test>`), 'Support <support+0123…@desk.test>');
    assert.equal(maskReplyKeys(`<mailto:support+${key}-unsubscribe@desk.test>`), '<mailto:support+0123…-unsubscribe@desk.test>');
    assert.equal(maskReplyKeys(`https://desk.test/-/unsubscribe/${key}`), 'https://desk.test/-/unsubscribe/0123…');
    assert.equal(maskReplyKeys(`<ticket-1@desk.test> <reply-${key}@desk.test>`), '<ticket-1@desk.test> <reply-0123…@desk.test>');
  });
  it('leaves Message-IDs and longer hex runs alone', () => {
    assert.equal(maskReplyKeys(`<${key}@desk.test>`), `<${key}@desk.test>`);
    assert.equal(maskReplyKeys(`${key}ff`), `${key}ff`);
  });
});
