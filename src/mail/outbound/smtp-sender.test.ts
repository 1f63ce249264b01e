import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { relayTarget } from './smtp-sender.ts';

describe('relayTarget', () => {
  it('requires TLS before logging in to a relay elsewhere, so credentials never cross a network in clear', () => {
    assert.equal(relayTarget('smtp://user:secret@relay.example.net:587').requireTls, true);
    assert.equal(relayTarget('smtp://relay.example.net:25', { user: 'u', password: 'p' }).requireTls, true);
  });
  it('does not when there is nothing to protect or no network to cross', () => {
    assert.equal(relayTarget('smtp://relay.example.net:25').requireTls, false, 'no credentials');
    assert.equal(relayTarget('smtp://user:secret@127.0.0.1:2525').requireTls, false, 'loopback');
    assert.equal(relayTarget('smtp://user:secret@localhost:2525').requireTls, false, 'localhost');
  });
  it('reads the URL’s user and password, decoded', () => {
    assert.deepEqual(relayTarget('smtps://us%40er:p%3Ass@relay.example.net').login, { user: 'us@er', password: 'p:ss' });
    assert.equal(relayTarget('smtps://relay.example.net').port, 465);
  });
});
