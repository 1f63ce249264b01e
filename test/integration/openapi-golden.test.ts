// The API's outside shape, pinned: the served OpenAPI document and the route table are golden files
// (regenerate with UPDATE_GOLDEN=1), the two agree with each other, and every route that is not public
// refuses a caller without valid credentials with 401.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fullPath } from '../../src/http/register-routes.ts';
import { allRoutes } from '../../src/http/routes.ts';
import { assertGolden, goldenJson } from '../helpers/golden.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

// Fixed, so that servers[0].url (and everything else) is the same on every machine.
const PUBLIC_URL = 'http://postdesk.test';
// Webhook routes answer 404 while their secret is unset; with one set they must answer 401 without it.
const WEBHOOK_SECRET = 'golden-test-webhook-secret-0123456789';

const routeLine = (r: { method: string; path: string; auth: string }) => `${r.method} ${fullPath(r)} ${r.auth}`;
/** `/projects/:id` → `/projects/{id}`, as OpenAPI writes path parameters. */
const openApiPath = (path: string) => path.replace(/:([A-Za-z_]+)/g, '{$1}');
/** A plausible URL for a route: every path parameter is 1. */
const sampleUrl = (path: string) => path.replace(/:([A-Za-z_]+)/g, '1');

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);

describe('OpenAPI document and route table', () => {
  let t: TestApp;
  let served: { status: number; body: any };
  before(async () => {
    t = await startTestApp({ env: { PUBLIC_URL, INBOUND_WEBHOOK_SECRET: WEBHOOK_SECRET } });
    served = await t.request(null, 'GET', '/api/v1/openapi.json');
  });
  after(() => t.close());

  it('GET /api/v1/openapi.json answers 200 without credentials', () => {
    assert.equal(served.status, 200, JSON.stringify(served.body));
    assert.equal(served.body.openapi, '3.1.0');
    assert.deepEqual(served.body.servers, [{ url: PUBLIC_URL }]);
  });

  it('the served document equals test/golden/openapi.json', () => {
    assertGolden('openapi.json', goldenJson(served.body));
  });

  it('the route table equals test/golden/routes.txt', () => {
    const lines = allRoutes().map(routeLine).sort();
    assert.equal(new Set(lines).size, lines.length, 'a route is defined twice');
    assertGolden('routes.txt', `${lines.join('\n')}\n`);
  });

  it('the route table and the OpenAPI paths list the same operations, both ways', () => {
    const fromRoutes = new Set(allRoutes().map((r) => `${r.method} ${openApiPath(fullPath(r))}`));
    const fromDocument = new Set<string>();
    for (const [path, item] of Object.entries(served.body.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(item)) if (HTTP_METHODS.has(method)) fromDocument.add(`${method.toUpperCase()} ${path}`);
    }
    const missingFromDocument = [...fromRoutes].filter((op) => !fromDocument.has(op)).sort();
    const missingFromRoutes = [...fromDocument].filter((op) => !fromRoutes.has(op)).sort();
    assert.deepEqual(missingFromDocument, [], 'routes that the OpenAPI document does not describe');
    assert.deepEqual(missingFromRoutes, [], 'OpenAPI operations that no route serves');
  });

  it('the document marks exactly the public routes as needing no credentials', () => {
    for (const route of allRoutes()) {
      const operation = served.body.paths[openApiPath(fullPath(route))]?.[route.method.toLowerCase()];
      assert.ok(operation, `${routeLine(route)} is not in the document`);
      if (route.auth === 'public') assert.deepEqual(operation.security, [], `${routeLine(route)} should have security: []`);
      else assert.notDeepEqual(operation.security, [], `${routeLine(route)} is documented as public`);
      if (route.auth !== 'public') assert.ok(operation.responses['401'], `${routeLine(route)} does not document its 401`);
    }
  });

  it('there are routes of both kinds, so the checks below check something', () => {
    assert.ok(
      allRoutes().some((r) => r.auth === 'public'),
      "allRoutes().some((r) => r.auth === 'public')",
    );
    assert.ok(allRoutes().filter((r) => r.auth !== 'public').length >= 10, "allRoutes().filter((r) => r.auth !== 'public').length >= 10");
  });

  describe('credentials', () => {
    for (const route of allRoutes()) {
      const url = sampleUrl(fullPath(route));
      const body = route.method === 'POST' || route.method === 'PUT' ? {} : undefined;
      if (route.auth === 'public') {
        it(`${route.method} ${url} (public) answers without credentials`, async () => {
          const response = await t.request(null, route.method, url, body);
          assert.notEqual(response.status, 401, JSON.stringify(response.body));
          assert.notEqual(response.status, 403, JSON.stringify(response.body));
          assert.ok(response.status < 500, `${response.status} ${JSON.stringify(response.body)}`);
        });
        continue;
      }
      it(`${route.method} ${url} (${route.auth}) answers 401 unauthorized without credentials`, async () => {
        const response = await t.request(null, route.method, url, body);
        assert.equal(response.status, 401, JSON.stringify(response.body));
        assert.equal(response.body.error, 'unauthorized');
        assert.equal(typeof response.body.message, 'string');
      });
      it(`${route.method} ${url} (${route.auth}) answers 401 unauthorized to a garbage bearer token`, async () => {
        const response = await t.request('pdt_not-a-real-token-at-all', route.method, url, body);
        assert.equal(response.status, 401, JSON.stringify(response.body));
        assert.equal(response.body.error, 'unauthorized');
      });
      it(`${route.method} ${url} (${route.auth}) answers 401 to a non-bearer Authorization header`, async () => {
        const response = await t.http.inject({
          method: route.method,
          url,
          headers: { authorization: 'Basic cm9vdDpwYXNzd29yZA==' },
          ...(body && { payload: body }),
        });
        assert.equal(response.statusCode, 401, response.body);
        assert.equal(JSON.parse(response.body).error, 'unauthorized');
      });
    }
  });
});
