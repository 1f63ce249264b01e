import assert from 'node:assert/strict';
import { it } from 'node:test';
import { fullPathSlug } from './slug.ts';

it('slugifies paths as GitLab does (SD-04)', () => {
  assert.equal(fullPathSlug('My.Group/Proj_X'), 'my-group-proj-x');
  assert.equal(fullPathSlug('grp/sub/app'), 'grp-sub-app');
  assert.equal(fullPathSlug('-Lead/trail-'), 'lead-trail');
});

it('cuts to 63 characters before trimming dashes', () => {
  const long = 'a'.repeat(62) + '/b' + 'c'.repeat(40);
  const slug = fullPathSlug(long);
  assert.equal(slug, 'a'.repeat(62)); // the 63rd character was the `-` from `/`, trimmed after the cut
  assert.ok(fullPathSlug('x'.repeat(100)).length <= 63, "fullPathSlug('x'.repeat(100)).length <= 63");
});
