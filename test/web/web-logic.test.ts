// The web app's pure rules, run under node: the collision guard, where the quick-action menu opens (and
// that it offers exactly commands the server understands), which `next` the sign-in page follows, and the
// queue's filters read from its URL (a cold load asks for the list with them before the router exists), and
// the absolute times of the thread, from one shared formatter, and the IMAP URL the connect-mailbox form sends.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQuickActions } from '../../src/domain/quick-actions.ts';
import { arrivedSince, newestId } from '../../web/src/features/conversation/collision.ts';
import { matchAt, QUICK_ACTIONS } from '../../web/src/features/conversation/quick-actions.ts';
import { queueFilters, queueFilterValues } from '../../web/src/features/tickets/queue-filters-from-url.ts';
import { imapUrlWithPassword, readableIdentity } from '../../web/src/features/mailboxes/imap-url.ts';
import { safeNext } from '../../web/src/lib/paths.ts';
import { parseImapUrl } from '../../src/config/imap-url.ts';
import { absoluteTime } from '../../web/src/lib/relative-time.ts';

const me = { id: 1, username: 'me', name: 'Me' };
const other = { id: 2, username: 'ann', name: 'Ann' };
const bot = { id: 3, username: 'support-bot', name: 'Support Bot' };
const note = (id: number, author: typeof me, extra: { system?: boolean; external_author?: string | null } = {}) => ({
  id,
  author,
  system: extra.system ?? false,
  external_author: extra.external_author ?? null,
});

describe('collision guard', () => {
  const thread = [note(1, me), note(2, bot, { external_author: 'c@x.test' }), note(3, me), note(4, bot, { system: true }), note(5, other)];

  it('stops for a customer mail or a colleague note that arrived after the baseline', () => {
    assert.deepEqual(
      arrivedSince(thread, 1, me.id).map((n) => n.id),
      [2, 5],
      'the mail (2) and the colleague note (5) are news',
    );
  });

  it('ignores the agent’s own notes, system notes, and anything up to the baseline', () => {
    assert.deepEqual(arrivedSince(thread, 5, me.id), [], 'nothing after the newest note');
    assert.deepEqual(arrivedSince([note(6, me), note(7, bot, { system: true })], 5, me.id), [], 'own notes and system notes never stop a send');
  });

  it('takes the newest id as the baseline, 0 for an empty thread', () => {
    assert.equal(newestId(thread), 5, 'newest of the thread');
    assert.equal(newestId([]), 0, 'empty thread');
  });
});

describe('quick-action menu', () => {
  it('opens only for a /word typed at the start of a line', () => {
    assert.deepEqual(matchAt('/cl', 3), { lineStart: 0, query: 'cl' }, 'first line');
    assert.deepEqual(matchAt('Thanks!\n/lab', 12), { lineStart: 8, query: 'lab' }, 'a later line');
    assert.deepEqual(matchAt('Thanks!\n/', 9), { lineStart: 8, query: '' }, 'a bare slash offers everything');
    assert.equal(matchAt('see /close', 10), null, 'not in the middle of a line');
    assert.equal(matchAt('/label ~bug', 11), null, 'not once arguments are being typed');
    assert.equal(matchAt('/close\nok', 9), null, 'not on a line that is not a command');
  });

  it('offers exactly the commands the server applies', () => {
    for (const action of QUICK_ACTIONS) {
      const example = action.args === 'email' ? 'a@example.test' : action.args === '~label' ? '~bug' : action.args === '@username' ? '@ann' : '';
      const parsed = parseQuickActions(`/${action.command} ${example}`.trim());
      assert.equal(parsed.actions[0]?.command, action.command, `the server does not understand /${action.command}`);
    }
    assert.equal(QUICK_ACTIONS.length, 10, 'all ten quick actions are offered');
  });
});

describe('sign-in next', () => {
  it('follows only paths inside the app', () => {
    assert.equal(safeNext('/projects/acme/tickets/4'), '/projects/acme/tickets/4', 'a deep link');
    assert.equal(safeNext('/projects?x=1'), '/projects?x=1', 'with a query');
    for (const evil of ['//evil.example/x', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '', null]) {
      assert.equal(safeNext(evil), '/', `refused: ${String(evil)}`);
    }
  });
});

describe('queue filters from the URL', () => {
  const read = (search: string) => queueFilters(queueFilterValues(new URLSearchParams(search)));

  it('defaults to the open tickets, newest first', () => {
    assert.deepEqual(read(''), {
      state: 'opened',
      search: undefined,
      labels: undefined,
      assignee_id: undefined,
      confidential: undefined,
      order_by: 'created_at',
      sort: 'desc',
    });
  });

  it('turns every filter the queue offers into the list query', () => {
    assert.deepEqual(read('state=closed&search=refund&label=billing&assignee=7&confidential=true&sort=activity'), {
      state: 'closed',
      search: 'refund',
      labels: 'billing',
      assignee_id: 7,
      confidential: 'true',
      order_by: 'updated_at',
      sort: 'desc',
    });
    assert.equal(read('assignee=None').assignee_id, 'None', 'unassigned');
    assert.deepEqual([read('sort=oldest').order_by, read('sort=oldest').sort], ['created_at', 'asc'], 'oldest first');
  });

  it('falls back to the defaults for values it does not know', () => {
    assert.deepEqual(read('state=deleted&sort=random&confidential=maybe'), read(''));
  });
});

describe('absolute time', () => {
  it('reads as toLocaleString did, invalid input included', () => {
    for (const iso of ['2026-03-03T16:05:00Z', '2025-12-31T23:59:59.999Z', '1999-01-01T00:00:00Z', 'not a date']) {
      assert.equal(absoluteTime(iso), new Date(iso).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' }), iso);
    }
  });
});

describe('the connect-mailbox form', () => {
  it('puts the password into the URL so that the server reads it back exactly', () => {
    for (const password of ['plain', 'p@ss:w/rd', '100%41 sure?#&', 'ünïcødé', '%zz']) {
      const url = imapUrlWithPassword(' imaps://desk%40example.com@imap.example.com:993/Support ', password);
      const account = parseImapUrl(url);
      assert.ok(typeof account !== 'string', `${url} parses (${String(account)})`);
      assert.deepEqual(
        [account.password, account.user, account.host, account.port, account.mailbox],
        [password, 'desk@example.com', 'imap.example.com', 993, 'Support'],
        password,
      );
    }
  });

  it('sends the URL as typed without a password, or when it does not parse', () => {
    assert.equal(imapUrlWithPassword(' imap://u:p@h/INBOX ', ''), 'imap://u:p@h/INBOX');
    assert.equal(imapUrlWithPassword('not a url', 'secret'), 'not a url');
    assert.equal(imapUrlWithPassword('imap:no-host', 'secret'), 'imap:no-host');
  });

  it('shows an identity decoded, and a malformed one as it is', () => {
    assert.equal(readableIdentity('desk%40example.com@imap.example.com:993/My%20Folder'), 'desk@example.com@imap.example.com:993/My Folder');
    assert.equal(readableIdentity('a%zz@h:1/INBOX'), 'a%zz@h:1/INBOX');
  });
});
