import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEmails, parseLabels, parseQuickActions, parseUsernames } from './quick-actions.ts';

describe('parseQuickActions', () => {
  it('takes each command line out of the text and keeps the rest', () => {
    const parsed = parseQuickActions('Thanks, fixed in 1.2.\n/close\n/label ~done ~"needs review"\n\nBye');
    assert.deepEqual(parsed.actions, [{ command: 'close' }, { command: 'label', labels: ['done', 'needs review'] }]);
    assert.equal(parsed.text, 'Thanks, fixed in 1.2.\n\nBye');
  });

  it('gives empty text for a note made only of quick actions', () => {
    const parsed = parseQuickActions('/reopen\n/confidential\n');
    assert.deepEqual(parsed.actions, [{ command: 'reopen' }, { command: 'confidential' }]);
    assert.equal(parsed.text, '');
  });

  it('parses every command and its arguments', () => {
    const { actions } = parseQuickActions(
      [
        '/assign @alice @me',
        '/unassign',
        '/unassign @bob',
        '/unlabel',
        '/unlabel ~x',
        '/add_email a@x.test, b@y.test c@z.test',
        '/remove_email a@x.test',
        '/convert_to_ticket c@z.test',
      ].join('\n'),
    );
    assert.deepEqual(actions, [
      { command: 'assign', usernames: ['alice', 'me'] },
      { command: 'unassign', usernames: [] },
      { command: 'unassign', usernames: ['bob'] },
      { command: 'unlabel', labels: [] },
      { command: 'unlabel', labels: ['x'] },
      { command: 'add_email', emails: ['a@x.test', 'b@y.test', 'c@z.test'] },
      { command: 'remove_email', emails: ['a@x.test'] },
      { command: 'convert_to_ticket', email: 'c@z.test' },
    ]);
  });

  it('leaves unknown commands, mid-line slashes and indented commands as text', () => {
    const body = '/shrug\nsee /close here\n  /close\n/closed';
    assert.deepEqual(parseQuickActions(body), { actions: [], text: body });
  });

  it('ignores commands inside fenced code blocks and quotes', () => {
    const body = ['```', '/close', '```', '> /close', '~~~sh', '/label ~x', '```', '/reopen', '~~~', '>>>', '/assign @a', '>>>'].join('\n');
    assert.deepEqual(parseQuickActions(body), { actions: [], text: body });
  });

  it('runs commands after a fenced block has closed', () => {
    const parsed = parseQuickActions('```\ncode\n```\n/close');
    assert.deepEqual(parsed.actions, [{ command: 'close' }]);
    assert.equal(parsed.text, '```\ncode\n```');
  });

  it('accepts command names in any case and CRLF line ends', () => {
    assert.deepEqual(parseQuickActions('Hi\r\n/Close\r\n').actions, [{ command: 'close' }]);
  });
});

describe('argument parsing', () => {
  it('labels: with or without tilde, quoted names with spaces, no duplicates', () => {
    assert.deepEqual(parseLabels('~bug ~"needs info" plain ~bug,~"a, b"'), ['bug', 'needs info', 'plain', 'a, b']);
  });
  it('users: @ optional, spaces or commas', () => {
    assert.deepEqual(parseUsernames('@alice, bob @alice'), ['alice', 'bob']);
  });
  it('emails: spaces or commas, order kept', () => {
    assert.deepEqual(parseEmails(' a@x.test,b@y.test  c@z.test '), ['a@x.test', 'b@y.test', 'c@z.test']);
  });
});
