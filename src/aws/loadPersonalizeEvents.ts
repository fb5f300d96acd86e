/** The SDK module, as `import()` gives it. */
export type PersonalizeEventsModule = typeof import('@aws-sdk/client-personalize-events');

let loading: Promise<PersonalizeEventsModule> | undefined;

/**
 * Loads `@aws-sdk/client-personalize-events` with `import()` the first time it is called, so bundlers put the SDK
 * in a chunk of its own, fetched when the browser is idle after the provider mounts (`preload`) or at the first send,
whichever comes first. A failed load (a chunk that did not
 * arrive) is not cached: the next call tries again.
 */
export function loadPersonalizeEvents(): Promise<PersonalizeEventsModule> {
  if (!loading) {
    loading = import('@aws-sdk/client-personalize-events');
    loading.catch(() => {
      loading = undefined;
    });
  }
  return loading;
}
