import type { RecorderActivity, RecorderError, RecorderSnapshot } from './types';

/**
 * The recorder's listeners (of its activity, and of its state alone) and its error reporting; a listener's or
 * onError's bug never breaks the recorder.
 */
export interface Activity {
  /** Adds an activity listener; returns the unsubscribe function (safe to call twice). */
  subscribe(listener: (activity: RecorderActivity) => void): () => void;
  /** Adds a listener called after each change of the snapshot; returns the unsubscribe function. */
  subscribeState(onChange: () => void): () => void;
  /** Tells every listener, those added at the time of the call. */
  emit(activity: RecorderActivity): void;
  /** The snapshot changed: tells activity listeners (`changed`), then state listeners. */
  changed(snapshot: RecorderSnapshot): void;
  /** Passes an error to the app's `onError`. */
  report(error: RecorderError): void;
  /** Removes every listener of both kinds (the recorder closed). */
  clear(): void;
}

/** Calls the app's code (a listener, onError) so that its bug cannot break the recorder. */
function safely<T>(callback: ((value: T) => void) | undefined, value: T): void {
  try {
    callback?.(value);
  } catch {
    // The app's bug is the app's: recording goes on for everyone else.
  }
}

/** Makes the activity stream of one recorder, reporting errors to `onError`. */
export function createActivity(onError: ((error: RecorderError) => void) | undefined): Activity {
  const listeners = new Set<(activity: RecorderActivity) => void>();
  const stateListeners = new Set<() => void>();
  const emit = (activity: RecorderActivity) => {
    for (const listener of [...listeners]) safely(listener, activity);
  };
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    subscribeState(onChange) {
      // Wrapped: useSyncExternalStore may subscribe the same function twice (StrictMode), each with its disposer.
      const entry = () => onChange();
      stateListeners.add(entry);
      return () => {
        stateListeners.delete(entry);
      };
    },
    emit,
    changed(snapshot) {
      emit({ type: 'changed', snapshot });
      for (const listener of [...stateListeners]) safely(listener, undefined);
    },
    report: (error) => safely(onError, error),
    clear() {
      listeners.clear();
      stateListeners.clear();
    },
  };
}
