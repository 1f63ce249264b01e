import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACCESS_LEVELS } from './access-levels.ts';
import { authorizeGrant, decideProject } from './policy.ts';

const user = { kind: 'user' as const, userId: 7, admin: false };
const admin = { kind: 'user' as const, userId: 1, admin: true };

describe('project policy', () => {
  it('hides private projects from non-members and shows internal ones', () => {
    assert.equal(decideProject(user, 'read_project', { visibility: 'private', accessLevel: null }), 'not_found');
    assert.equal(decideProject(user, 'read_project', { visibility: 'internal', accessLevel: null }), 'allowed');
    assert.equal(decideProject(user, 'update_project', { visibility: 'internal', accessLevel: null }), 'forbidden');
  });

  it('needs reporter to read and maintainer to change service desk settings (SD-89, SD-02)', () => {
    const at = (level: (typeof ACCESS_LEVELS)[keyof typeof ACCESS_LEVELS]) => ({ visibility: 'private' as const, accessLevel: level });
    assert.equal(decideProject(user, 'read_service_desk', at(ACCESS_LEVELS.guest)), 'forbidden');
    assert.equal(decideProject(user, 'read_service_desk', at(ACCESS_LEVELS.reporter)), 'allowed');
    assert.equal(decideProject(user, 'update_service_desk', at(ACCESS_LEVELS.developer)), 'forbidden');
    assert.equal(decideProject(user, 'update_service_desk', at(ACCESS_LEVELS.maintainer)), 'allowed');
  });

  it('lets reporters and up read internal notes; below, even on an internal project, they are not there to read', () => {
    const at = (level: (typeof ACCESS_LEVELS)[keyof typeof ACCESS_LEVELS] | null) => ({ visibility: 'internal' as const, accessLevel: level });
    assert.equal(decideProject(user, 'read_internal_notes', at(null)), 'forbidden');
    assert.equal(decideProject(user, 'read_internal_notes', at(ACCESS_LEVELS.guest)), 'forbidden');
    assert.equal(decideProject(user, 'read_internal_notes', at(ACCESS_LEVELS.reporter)), 'allowed');
    assert.equal(decideProject(admin, 'read_internal_notes', { visibility: 'private', accessLevel: null }), 'allowed');
  });

  it('lets admins do everything, member or not', () => {
    assert.equal(decideProject(admin, 'delete_project', { visibility: 'private', accessLevel: null }), 'allowed');
  });

  it('lets only owners and admins grant the owner level', () => {
    const maintainer = { visibility: 'private' as const, accessLevel: ACCESS_LEVELS.maintainer };
    assert.doesNotThrow(() => authorizeGrant(user, maintainer, ACCESS_LEVELS.developer));
    assert.throws(() => authorizeGrant(user, maintainer, ACCESS_LEVELS.owner), { code: 'forbidden' });
    assert.throws(() => authorizeGrant(user, maintainer, ACCESS_LEVELS.developer, ACCESS_LEVELS.owner), { code: 'forbidden' });
    assert.doesNotThrow(() => authorizeGrant(user, { visibility: 'private', accessLevel: ACCESS_LEVELS.owner }, ACCESS_LEVELS.owner));
    assert.doesNotThrow(() => authorizeGrant(admin, { visibility: 'private', accessLevel: null }, ACCESS_LEVELS.owner));
  });
});
