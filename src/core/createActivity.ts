import type { RecorderActivity, RecorderError } from './types';

/** The recorder's listeners and its error reporting; a listener's or onError's bug never breaks the recorder. */
export interface Activity {
  /** Adds an activity listener; returns the unsubscribe function (safe to call twice). */
  subscribe(listener: (activity: RecorderActivity) => void): () => void;
  /** Tells every listener, those added at the time of the call. */
  emit(activity: RecorderActivity): void;
  /** Passes an error to the app's `onError`. */
  report(error: RecorderError): void;
  /** Removes every listener (the recorder closed). */
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
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    emit(activity) {
      for (const listener of [...listeners]) safely(listener, activity);
    },
    report: (error) => safely(onError, error),
    clear: () => listeners.clear(),
  };
}
