// The core must run where React does not exist: React is mocked away so any import of it fails this file.
vi.mock('react', () => {
  throw new Error('react-personalize/core imported react');
});

import * as core from '../../src/core/index';
import { createMemoryTransport } from '../../src/test-utils/createMemoryTransport';

describe('react-personalize/core', () => {
  it('records and sends without React', async () => {
    const transport = createMemoryTransport();
    const recorder = core.createRecorder({ transport, persistence: false, lifecycle: false });
    expect(recorder.record({ eventType: 'click', itemId: 'a' }).ok).toBe(true);
    await recorder.flush();
    expect(transport.events()).toHaveLength(1);
    expect(core.validateEvent({ eventType: 'click' })).toEqual([]);
  });

  it('fails loudly when something does import React (the guard works)', async () => {
    await expect(import('react')).rejects.toThrow(/error when mocking/);
  });
});
