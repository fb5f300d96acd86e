'use client';
import { type ReactNode, useEffect, useRef } from 'react';
import type { Recorder } from '../core/types';
import { PersonalizeContext } from './PersonalizeContext';
import { useIsomorphicLayoutEffect } from './useIsomorphicLayoutEffect';

/** Props of `PersonalizeProvider`. */
export interface PersonalizeProviderProps {
  /** The recorder, made outside React with `createRecorder()`; the provider never closes it. */
  recorder: Recorder;
  /**
   * The signed-in user. A change is passed to `recorder.identify()` (anonymous → known keeps the session; any other
   * change starts a new one). `undefined` on the first render leaves the recorder's own user as it is.
   */
  userId?: string | undefined;
  /** The app, or the part of it that records events. */
  children?: ReactNode | undefined;
}

/**
 * Gives its subtree a recorder. In an effect it mounts the recorder (page-lifecycle listeners: events pending when
 * the page is hidden or closed go out with `keepalive`) and keeps the recorder's user in step with `userId`.
 * @example
 * const recorder = createRecorder({ transport: createHttpTransport({ url: '/api/events' }) });
 * root.render(
 *   <PersonalizeProvider recorder={recorder} userId={user?.id}>
 *     <App />
 *   </PersonalizeProvider>,
 * );
 */
export function PersonalizeProvider({ recorder, userId, children }: PersonalizeProviderProps) {
  useEffect(() => recorder.mount(), [recorder]);

  // The recorder and user of the last sync, so that a first render without a user (or a new recorder without one)
  // does not sign out a user the recorder was created with.
  const synced = useRef<{ recorder: Recorder; userId: string | undefined } | undefined>(undefined);
  // A layout effect: it runs before every passive effect of the tree, so an event a child records in its mount
  // effect already carries this user.
  useIsomorphicLayoutEffect(() => {
    const last = synced.current;
    synced.current = { recorder, userId };
    // The same recorder: only a change is passed on (StrictMode runs this twice). A new recorder: only a user.
    if (last?.recorder === recorder ? last.userId !== userId : userId !== undefined) recorder.identify(userId);
  }, [recorder, userId]);

  return <PersonalizeContext.Provider value={recorder}>{children}</PersonalizeContext.Provider>;
}
