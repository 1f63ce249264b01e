// Full-text search on the tickets list (SQLite FTS5 / PostgreSQL tsvector), through the real API: what it
// finds, that it follows edits, and that below reporter it never finds what the mask hides — internal
// notes, confidential tickets, customer addresses.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { filteredTickets } from '../../src/app/tickets/filter-tickets.ts';
import { LOOK_UP_MATCHES, type SearchPlan, WALK_TICKETS } from '../../src/db/ticket-search.ts';
import { ACCESS_LEVELS } from '../../src/domain/access-levels.ts';
import { startTestApp, type TestApp, type TestUser } from '../helpers/test-app.ts';

describe('ticket search', () => {
  let t: TestApp;
  let owner: TestUser;
  let guest: TestUser;
  let projectId: number;
  before(async () => {
    t = await startTestApp();
    owner = await t.user();
    projectId = (await t.project(owner, { path: 'searching', visibility: 'internal' })).id;
    guest = await t.member({ id: projectId }, { level: ACCESS_LEVELS.guest });
  });
  after(() => t.close());

  const url = (suffix = '') => `/api/v1/projects/${projectId}/tickets${suffix}`;
  const open = async (title: string, description: string, confidential = false) => {
    const created = await t.request(owner.token, 'POST', url(), { title, description, confidential });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return created.body as { iid: number };
  };
  const note = async (iid: number, body: string, internal = false) => {
    const added = await t.request(owner.token, 'POST', url(`/${iid}/notes`), { body, internal });
    assert.equal(added.status, 201, JSON.stringify(added.body));
  };
  const search = async (text: string, token = owner.token, extra = '&state=all') => {
    const found = await t.request(token, 'GET', url(`?search=${encodeURIComponent(text)}${extra}&per_page=100`));
    assert.equal(found.status, 200, JSON.stringify(found.body));
    assert.equal(found.headers['x-total'], String(found.body.length), 'X-Total counts the same matches');
    return found.body.map((k: { iid: number }) => k.iid).sort((a: number, b: number) => a - b);
  };

  it('finds words in titles, descriptions and comments, every word somewhere in the ticket, the last also as a prefix', async () => {
    const printer = await open('Printer jams', 'The tray of the Kyocera squeaks');
    const scanner = await open('Scanner offline', 'Nothing scans since Monday');
    await note(scanner.iid, 'Rebooted the zeppelin router, still offline');
    assert.deepEqual(await search('kyocera'), [printer.iid]);
    assert.deepEqual(await search('ZEPPELIN'), [scanner.iid], 'a comment, in any case');
    assert.deepEqual(await search('prin'), [printer.iid], 'the last word as a prefix');
    assert.deepEqual(await search('zeppelin scanner'), [scanner.iid], 'one word in a comment, one in the title');
    assert.deepEqual(await search('zeppelin kyocera'), [], 'every word must be in the ticket');
    assert.deepEqual(await search('printer monday'), [], 'words of two tickets are not one ticket');
    assert.deepEqual(await search(`#${printer.iid}`), [printer.iid]);
    assert.deepEqual(await search(String(scanner.iid)), [scanner.iid]);
  });

  it('matches words joined by punctuation as a phrase', async () => {
    const coded = await open('Error codes', 'The display shows error-4711 and then E-99');
    await open('Other errors', 'error 12 then 4711 items were lost');
    assert.deepEqual(await search('error-4711'), [coded.iid]);
  });

  it('follows edits: a changed description is found by its new words only', async () => {
    const ticket = await open('Editable', 'The old wording gazebo');
    assert.deepEqual(await search('gazebo'), [ticket.iid]);
    const changed = await t.request(owner.token, 'PUT', url(`/${ticket.iid}`), { description: 'The new wording pergola' });
    assert.equal(changed.status, 200);
    assert.deepEqual(await search('gazebo'), []);
    assert.deepEqual(await search('pergola'), [ticket.iid]);
  });

  it('never lets a guest find text in internal notes, while reporters do', async () => {
    const ticket = await open('Visible ticket', 'Public words');
    await note(ticket.iid, 'The customer owes us marzipan', true);
    await note(ticket.iid, 'Public answer about nougat');
    assert.deepEqual(await search('marzipan'), [ticket.iid]);
    assert.deepEqual(await search('marzipan', guest.token), []);
    assert.deepEqual(await search('visible marzipan', guest.token), []);
    assert.deepEqual(await search('nougat', guest.token), [ticket.iid]);
  });

  it('never lets a guest find confidential tickets but their own', async () => {
    const secret = await open('Confidential walrus', 'walrus details', true);
    const theirs = await t.request(guest.token, 'POST', url(), { title: 'My own walrus', confidential: true });
    assert.equal(theirs.status, 201);
    assert.deepEqual(await search('walrus'), [secret.iid, theirs.body.iid]);
    assert.deepEqual(await search('walrus', guest.token), [theirs.body.iid]);
  });

  it('never matches a customer address for a guest, by any part of it; reporters find it', async () => {
    const ticket = await open('Forwarded request', 'Please call back ferdinand.quaxly@obscurehost.example about the invoice');
    for (const part of ['ferdinand', 'quaxly', 'obscurehost', 'ferdinand.quaxly', 'obscureho']) {
      assert.deepEqual(await search(part, guest.token), [], `a guest searching ${part}`);
      assert.deepEqual(await search(part), [ticket.iid], `a reporter searching ${part}`);
    }
    assert.deepEqual(await search('ferdinand.quaxly@obscurehost.example', guest.token), []);
    assert.deepEqual(await search('ferdinand.quaxly@obscurehost.example'), [ticket.iid]);
    assert.deepEqual(await search('invoice forwarded', guest.token), [ticket.iid], 'the rest of the text stays searchable');
  });

  it('never matches any part of an internationalised, IP, dotless or quoted address for a guest; reporters find them', async () => {
    const ticket = await open(
      'Addresses of every shape',
      'Write to bogdan@пример.рф, carl@10.0.0.1, root@mailhub, carl@[10.0.0.9] or "zenobia quill"@example.org',
    );
    for (const part of ['bogdan', 'пример', 'carl', 'mailhub', 'zenobia', 'quill']) {
      assert.deepEqual(await search(part, guest.token), [], `a guest searching ${part}`);
      assert.deepEqual(await search(part), [ticket.iid], `a reporter searching ${part}`);
    }
    assert.deepEqual(await search('shape write', guest.token), [ticket.iid], 'the rest of the text stays searchable');
  });

  it("keeps a comment's addresses from guests too", async () => {
    const ticket = await open('Loop in a colleague', 'See the comment');
    await note(ticket.iid, 'Copy hieronymus@cc-partner.example on replies');
    assert.deepEqual(await search('hieronymus', guest.token), []);
    assert.deepEqual(await search('partner', guest.token), []);
    assert.deepEqual(await search('hieronymus'), [ticket.iid]);
  });

  it('combines with the other filters, and X-Total counts the filtered matches', async () => {
    const a = await open('Quokka one', 'first quokka');
    const b = await open('Quokka two', 'second quokka');
    await t.request(owner.token, 'PUT', url(`/${b.iid}`), { state_event: 'close', labels: ['fauna'] });
    assert.deepEqual(await search('quokka', owner.token, ''), [a.iid], 'open ones by default');
    assert.deepEqual(await search('quokka', owner.token, '&state=closed'), [b.iid]);
    assert.deepEqual(await search('quokka', owner.token, '&state=all&labels=fauna'), [b.iid]);
    const counts = await t.request(owner.token, 'GET', `/api/v1/projects/${projectId}/ticket_counts?search=quokka`);
    assert.deepEqual(counts.body, { opened: 1, closed: 1, all: 2, at_least: [] });
  });

  it('finds nothing for a search without words, rather than everything', async () => {
    await open('Something', 'anything');
    assert.deepEqual(await search('!!! ---'), []);
  });

  // Runs last, over every ticket the tests above made: the plan a large search walks with (search-plan.ts)
  // must find exactly what looking the matches up finds, for a reporter and below.
  it('finds the same tickets whether it looks the matches up or walks the tickets index', async () => {
    const deps = { db: t.ctx.db };
    const viewers = {
      owner: { userId: owner.user.id, seesConfidential: true, seesAddresses: true, seesInternalNotes: true },
      guest: { userId: guest.user.id, seesConfidential: false, seesAddresses: false, seesInternalNotes: false },
    };
    const searches = ['kyocera', 'zeppelin scanner', 'prin', 'marzipan', 'walrus', 'ferdinand', 'hieronymus', 'quokka', 'error-4711', '#1', 'wording'];
    let found = 0;
    for (const [who, viewer] of Object.entries(viewers)) {
      for (const text of searches) {
        for (const state of ['opened', 'closed', undefined] as const) {
          const ids = async (plan: SearchPlan) => {
            let q = filteredTickets(deps, projectId, viewer, { search: text }, plan);
            if (state) q = q.where('state', '=', state);
            return (await q.select('tickets.id').orderBy('created_at', 'desc').execute()).map((r) => r.id);
          };
          const looked = await ids(LOOK_UP_MATCHES);
          found += looked.length;
          assert.deepEqual(await ids(WALK_TICKETS), looked, `${who} searching ${text} in ${state ?? 'all'}`);
          // Looking up from any term (the planner picks the rarest) finds the same.
          assert.deepEqual(await ids({ walk: false, driver: 1 }), looked, `${who} searching ${text} in ${state ?? 'all'} from its second term`);
        }
      }
    }
    assert.ok(found > 20, `the searches find tickets to compare (${found})`);
  });
});
