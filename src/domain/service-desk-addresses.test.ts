import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { serviceDeskAddresses } from './service-desk-addresses.ts';

const project = { id: 42, path: 'grp/sub/app', projectKey: null, customEmail: null, customEmailEnabled: false };

describe('service desk addresses', () => {
  it('fills the incoming template with <slug>-<id>-issue- (SD-03)', () => {
    const a = serviceDeskAddresses({ incoming: 'in+%{key}@x.io', alias: null }, project);
    assert.equal(a.incomingAddress, 'in+grp-sub-app-42-issue-@x.io');
    assert.equal(a.serviceDeskAddress, a.incomingAddress);
    assert.equal(a.aliasAddress, null);
  });

  it('uses <slug>-<project_key> on the alias when a key is set, the id form otherwise (SD-08)', () => {
    const templates = { incoming: 'incoming+%{key}@example.com', alias: 'contact+%{key}@example.com' };
    const withKey = serviceDeskAddresses(templates, { ...project, path: 'mygroup/myproject', projectKey: 'support' });
    assert.equal(withKey.aliasAddress, 'contact+mygroup-myproject-support@example.com');
    assert.equal(withKey.serviceDeskAddress, withKey.aliasAddress);
    assert.equal(withKey.incomingAddress, 'incoming+mygroup-myproject-42-issue-@example.com');
    const withoutKey = serviceDeskAddresses(templates, project);
    assert.equal(withoutKey.aliasAddress, 'contact+grp-sub-app-42-issue-@example.com');
  });

  it('shows the custom email only when it is enabled, and always counts it as ours (SD-12)', () => {
    const templates = { incoming: 'in+%{key}@x.io', alias: 'alias+%{key}@x.io' };
    const off = serviceDeskAddresses(templates, { ...project, customEmail: 'support@acme.io' });
    assert.equal(off.serviceDeskAddress, 'alias+grp-sub-app-42-issue-@x.io');
    assert.deepEqual(off.ownAddresses, ['in+grp-sub-app-42-issue-@x.io', 'alias+grp-sub-app-42-issue-@x.io', 'support@acme.io']);
    const on = serviceDeskAddresses(templates, { ...project, customEmail: 'support@acme.io', customEmailEnabled: true });
    assert.equal(on.serviceDeskAddress, 'support@acme.io');
  });
});
