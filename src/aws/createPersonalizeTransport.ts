import type { PersonalizeEventsClient, PersonalizeEventsClientConfig } from '@aws-sdk/client-personalize-events';
import { TransportError } from '../core/TransportError';
import type { Transport } from '../core/types';
import { loadPersonalizeEvents, type PersonalizeEventsModule } from './loadPersonalizeEvents';
import { toPutEventsInput } from './toPutEventsInput';
import { toTransportError } from './toTransportError';

/** Options of `createPersonalizeTransport`. */
export interface PersonalizeTransportOptions {
  /** The event tracker's tracking ID (public: it is not a secret). */
  trackingId: string;
  /** AWS region of the event tracker, e.g. `us-east-1`; required in browsers unless you pass `client`. */
  region?: string | undefined;
  /**
   * Credentials or a provider of them, e.g. `fromCognitoIdentityPool(…)` from `@aws-sdk/credential-providers`.
   * Never long-lived keys in a browser bundle. @default the SDK's default chain (Node: environment, profile, …)
   */
  credentials?: PersonalizeEventsClientConfig['credentials'] | undefined;
  /**
   * Another endpoint than AWS's, e.g. the local endpoint's `url`.
   * @default `https://personalize-events.{region}.amazonaws.com`
   */
  endpoint?: string | undefined;
  /**
   * Your own configured client; `region`, `credentials` and `endpoint` are then ignored and its config (retries
   * included) is kept. Page-exit sends use it as is: give it `requestHandler: { keepAlive: true }` for them to
   * outlive the page.
   */
  client?: PersonalizeEventsClient | undefined;
  /**
   * Load the SDK chunk and fetch credentials when the browser is first idle after the recorder mounts
   * (`requestIdleCallback`, else a timer), so that events recorded just before the page goes can be signed and sent
   * at page exit, when there is no time left to load anything. `false` loads them on the first send instead (the
   * page then fetches the SDK only if it records something, but a first send at page exit is lost to the next page).
   * @default true
   */
  preload?: boolean | undefined;
}

/**
 * The SDK's own retries are off (one attempt) on the clients this transport builds: the recorder already retries
 * with backoff, keeps the events and persists them, so SDK retries would multiply the attempts and hold a batch in
 * flight through the SDK's own backoff (and, at page exit, would never run anyway).
 */
const SDK_MAX_ATTEMPTS = 1;
/** Preloading waits for an idle moment at most this long (ms), then goes ahead: a busy page may never be idle. */
const PRELOAD_WITHIN = 2_000;

/**
 * A transport that sends each batch with `PutEventsCommand` of `@aws-sdk/client-personalize-events` (an optional
 * peer dependency, loaded with `import()` when the browser is idle after the recorder mounts, or on the first send,
 * so it stays out of an app's first chunk). Errors are classified for the recorder: `InvalidInputException` is
 * invalid, throttling, 429, 5xx and network failures are retryable. Sends asked for with `keepalive` go through a
 * fetch with `keepalive: true`, and honour the recorder's deadline (`abortSignal`).
 * @example
 * const transport = createPersonalizeTransport({
 *   trackingId: 'your-tracking-id',
 *   region: 'us-east-1',
 *   credentials: fromCognitoIdentityPool({ clientConfig: { region: 'us-east-1' }, identityPoolId: 'us-east-1:…' }),
 * });
 */
export function createPersonalizeTransport(options: PersonalizeTransportOptions): Transport {
  const { trackingId } = options;
  if (typeof trackingId !== 'string' || trackingId.length < 1 || trackingId.length > 256) {
    throw new TypeError(
      'createPersonalizeTransport: trackingId is required (1–256 characters): the tracking ID of your event tracker',
    );
  }

  let client: PersonalizeEventsClient | undefined = options.client;
  let keepaliveClient: PersonalizeEventsClient | undefined = options.client;

  /** Loads the SDK (and, on a client built here, the credentials) once, off the critical path. */
  const prepare = () => {
    const load = () => {
      loadPersonalizeEvents()
        .then((sdk) => {
          const sender = clientFor(sdk, true);
          return options.client ? undefined : sender.config.credentials();
        })
        .catch(() => {
          // A head start only: the first send loads the SDK and fetches credentials again, and reports a failure.
        });
    };
    const idle = (globalThis as { requestIdleCallback?: (callback: () => void, options?: object) => unknown })
      .requestIdleCallback;
    if (typeof idle === 'function') idle(load, { timeout: PRELOAD_WITHIN });
    else setTimeout(load, 500);
  };

  const config = (): PersonalizeEventsClientConfig => {
    const config: PersonalizeEventsClientConfig = { maxAttempts: SDK_MAX_ATTEMPTS };
    if (options.region !== undefined) config.region = options.region;
    if (options.credentials !== undefined) config.credentials = options.credentials;
    if (options.endpoint !== undefined) config.endpoint = options.endpoint;
    return config;
  };

  const clientFor = (sdk: PersonalizeEventsModule, keepalive: boolean): PersonalizeEventsClient => {
    client ??= new sdk.PersonalizeEventsClient(config());
    if (!keepalive) return client;
    // A second client whose fetch handler sets `keepalive: true`, so the request outlives the page. The SDK builds
    // its platform's handler from these options (FetchHttpHandler in browsers and React Native; Node ignores it).
    // It shares the first client's cached credentials: page exit is no time to fetch new ones from Cognito.
    keepaliveClient ??= new sdk.PersonalizeEventsClient({
      ...config(),
      credentials: client.config.credentials,
      requestHandler: { keepAlive: true },
    });
    return keepaliveClient;
  };

  return {
    prepare: options.preload === false ? undefined : prepare,
    async send(batch, context) {
      let sdk: PersonalizeEventsModule;
      try {
        sdk = await loadPersonalizeEvents();
      } catch (cause) {
        throw new TransportError(
          'createPersonalizeTransport: could not load @aws-sdk/client-personalize-events (is it installed?)',
          { retryable: true, cause },
        );
      }
      const command = new sdk.PutEventsCommand(toPutEventsInput(trackingId, batch));
      const sender = clientFor(sdk, context.keepalive);
      try {
        // Credentials first, on their own (memoized: the send reuses them). A failure there (Cognito, STS) carries
        // that service's HTTP status, which must not be read as PutEvents refusing the batch: it is retried. Only on
        // the clients built here: a user's own client (a test's stubbed `send`, a client without signing) is left as
        // it is.
        if (!options.client) await sender.config.credentials();
      } catch (cause) {
        throw new TransportError(
          `PutEvents not sent: could not get AWS credentials: ${cause instanceof Error ? cause.message : String(cause)}`,
          {
            retryable: true,
            cause,
          },
        );
      }
      // The page-exit client signs with the clock correction the main client learned (a device clock minutes off).
      const main = client as PersonalizeEventsClient;
      if (sender !== main) sender.config.systemClockOffset = main.config.systemClockOffset;
      try {
        await sender.send(command, { abortSignal: context.signal });
      } catch (error) {
        throw toTransportError(error);
      } finally {
        if (sender !== main) main.config.systemClockOffset = sender.config.systemClockOffset;
      }
    },
  };
}
