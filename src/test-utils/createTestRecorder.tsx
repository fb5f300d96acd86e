'use client';
import type { ReactElement, ReactNode } from 'react';
import { createRecorder } from '../core/createRecorder';
import type { Recorder, RecorderOptions, WireEvent } from '../core/types';
import { PersonalizeProvider } from '../react/PersonalizeProvider';
import { createMemoryTransport, type MemoryTransport } from './createMemoryTransport';

/** Options of `createTestRecorder`: any recorder option; the transport defaults to a memory transport. */
export type TestRecorderOptions = Omit<Partial<RecorderOptions>, 'transport'> & {
  /** Where batches go. @default a new `createMemoryTransport()` */
  transport?: MemoryTransport | undefined;
};

/** What `createTestRecorder` returns. */
export interface TestRecorder {
  /** The recorder, with persistence, the tab session store and page-lifecycle listeners off. */
  recorder: Recorder;
  /** The memory transport it sends to: `await recorder.flush()` then read `transport.events()`. */
  transport: MemoryTransport;
  /** Every event recorded so far, in wire form and in order, without waiting for a send. */
  recorded(): WireEvent[];
  /**
   * `render(ui, { wrapper })`: the UI inside a `PersonalizeProvider` with this recorder. For StrictMode's double
   * effects pass `reactStrictMode: true` too (a StrictMode inside a wrapper only doubles renders).
   */
  wrapper: (props: { children?: ReactNode }) => ReactElement;
}

function TestProviders({ recorder, children }: { recorder: Recorder; children?: ReactNode }) {
  return <PersonalizeProvider recorder={recorder}>{children}</PersonalizeProvider>;
}

/**
 * A recorder for tests of tracked components: memory transport, nothing stored, no page listeners, plus a `wrapper`
 * for Testing Library's `render` and `recorded()` to read events synchronously.
 * @example
 * const { wrapper, recorded } = createTestRecorder();
 * render(<ProductCard item={{ itemId: 'sku-1' }} />, { wrapper });
 * fireEvent.click(screen.getByRole('button'));
 * expect(recorded()).toMatchObject([{ eventType: 'click', itemId: 'sku-1' }]);
 */
export function createTestRecorder(options: TestRecorderOptions = {}): TestRecorder {
  const transport = options.transport ?? createMemoryTransport();
  const recorder = createRecorder({
    persistence: false,
    sessionStorage: false,
    lifecycle: false,
    ...options,
    transport,
  });
  const events: WireEvent[] = [];
  recorder.subscribe((activity) => {
    if (activity.type === 'recorded') events.push(activity.event);
  });
  const wrapper = ({ children }: { children?: ReactNode }) => (
    <TestProviders recorder={recorder}>{children}</TestProviders>
  );
  return { recorder, transport, recorded: () => [...events], wrapper };
}
