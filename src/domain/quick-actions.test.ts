import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isQuickActionLine, parseEmails, parseLabels, parseQuickActions, parseUsernames, redactQuickActions } from './quick-actions.ts';

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

describe('redactQuickActions (SD-32)', () => {
  it('wraps every line the parser would run, in any case, so that none runs after it', () => {
    const customer = 'Hello\n/CLOSE\n/Add_Email x@evil.test\n/label ~urgent\n/Reopen\nBye';
    const redacted = redactQuickActions(customer);
    assert.equal(redacted, 'Hello\n`/CLOSE`\n`/Add_Email x@evil.test`\n`/label ~urgent`\n`/Reopen`\nBye');
    assert.deepEqual(parseQuickActions(redacted).actions, [], 'the redacted text, pasted as a member’s note, runs nothing');
  });

  it('uses the parser’s own rule: unknown commands, mid-line and indented slashes stay as written', () => {
    const body = '/shrug\nsee /close here\n  /close\n/closed';
    assert.equal(redactQuickActions(body), body);
    for (const line of body.split('\n')) assert.equal(isQuickActionLine(line), false, line);
    for (const line of ['/close', '/CLOSE', '/Add_Email a@b.c', '/LABEL ~x', '/close   ']) assert.equal(isQuickActionLine(line), true, line);
  });

  it('redacts inside fences and quotes too, and at every kind of line end', () => {
    assert.equal(redactQuickActions('```\n/close\n```'), '```\n`/close`\n```', 'a member quoting it may leave the fence out');
    assert.equal(redactQuickActions('a\r\n/Close\r\nb'), 'a\r\n`/Close`\r\nb');
    assert.equal(redactQuickActions('a\u2028/close\rb'), 'a\u2028`/close`\rb');
    assert.equal(redactQuickActions('/label ~`x`'), "`/label ~'x'`", 'backticks inside cannot end the code span');
  });
});
