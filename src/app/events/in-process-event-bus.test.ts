import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DeskEvent } from './desk-event.ts';
import { createInProcessEventBus } from './in-process-event-bus.ts';

const note = (projectId: number, noteId: number): DeskEvent => ({
  type: 'note',
  data: { project_id: projectId, ticket_iid: 1, note_id: noteId, internal: false },
  ticket: { confidential: false, authorId: 1 },
});

test('delivers to the listeners of the event’s project only, until they unsubscribe', () => {
  const bus = createInProcessEventBus();
  const heard: Array<[string, number]> = [];
  const stopA = bus.subscribe(1, (e) => heard.push(['a', (e.data as { note_id: number }).note_id]));
  bus.subscribe(2, (e) => heard.push(['b', (e.data as { note_id: number }).note_id]));
  bus.publish(note(1, 10));
  bus.publish(note(2, 20));
  stopA();
  bus.publish(note(1, 11));
  assert.deepEqual(heard, [
    ['a', 10],
    ['b', 20],
  ]);
});

test('a failing listener neither stops the others nor reaches the publisher', () => {
  const errors: unknown[] = [];
  const bus = createInProcessEventBus((error) => errors.push(error));
  const heard: number[] = [];
  bus.subscribe(1, () => {
    throw new Error('broken stream');
  });
  bus.subscribe(1, (e) => heard.push((e.data as { note_id: number }).note_id));
  bus.publish(note(1, 7));
  assert.deepEqual(heard, [7]);
  assert.equal(errors.length, 1, 'the failure is reported');
});
