// The property names the build renames to short ones (esbuild's `mangleProps`, in tsup.config.ts).
//
// An app's minifier renames variables but never properties, so the method names of the recorder's units
// (`queue.takeBatch()`, `loop.eventQueued()`) would ship in every app at full length. The sources keep names that
// explain themselves; the built package (dist/) carries short ones in their place.
//
// esbuild renames a listed name everywhere in the build, whatever object it is on, so a name may be listed only if
// nothing outside the package's own code ever reads or writes it. test/node/internalProps.test.ts fails when a
// listed name is also
// - in a public type (dist/*.d.ts): an app could read it;
// - in a type of the platform or of a peer dependency (TypeScript's DOM and ES libraries, Node, React, TanStack
//   Query, the AWS SDK, Storybook): the package reads or writes it on their objects;
// - a key of JSON that is stored or sent: another version of the package, or the server, reads it;
// - in a string in src/ (`'name' in object`, a hand-written JSON key): esbuild leaves quoted names as they are;
// - no longer a property in src/ (a stale entry);
// and when a listed name is left in a built file, or the built recorder stores or sends other keys than the sources.
//
// Adding a name: put it under its unit below, then `npm run build && npx vitest run --project node
// test/node/internalProps.test.ts`. A name that is not listed is simply kept: it costs bytes, never correctness.

/** Internal property names, by the unit that declares them. */
export const internalProps = [
  // createEventQueue
  'takeBatch',
  'putBack',
  'takeExpired',
  'takeOverflow',
  // createDispatcher
  'fitsKeepalive',
  'keepaliveAlways',
  // createDeliveryLoop
  'pump',
  'eventQueued',
  'eventsRestored',
  'flushNow',
  'pageHidden',
  'backOff',
  'park',
  'drained',
  // createPersistenceSync
  'tabLock',
  'persistNow',
  'unwatch',
  'pageShown',
  // createIdentity and createSession
  'tabStorage',
  'onSignIn',
  'touch',
  'renew',
  // createQueueStore, createWriterRegistry, createTabLock
  'staleAfter',
  'maxChars',
  'orphanedOnly',
  'pageWriters',
  'retire',
  'wasGranted',
  'acquire',
  // createRetryPolicy
  'classify',
  // createRecorder
  'gathered',
  'decided',
  // createImpressionList (src/react), read by the devtools through `peek()`
  'elementRef',
  'peek',
  'watchedByItem',
  'stopObserving',
  'dwellSince',
];

/** esbuild's `mangleProps`: exactly the listed names. */
export const mangleProps = new RegExp(`^(?:${internalProps.join('|')})$`);
