'use client';
import { type ComponentType, lazy, type ReactElement, Suspense, useEffect, useRef, useState } from 'react';
import { action } from 'storybook/actions';
import { createRecorder } from '../core/createRecorder';
import type {
  EventInput,
  Recorder,
  RecorderActivity,
  RecorderError,
  RecorderOptions,
  Transport,
  WireEvent,
} from '../core/types';
import type { PersonalizeDevtoolsProps } from '../devtools/PersonalizeDevtools';
import { PersonalizeProvider } from '../react/PersonalizeProvider';
import { createMemoryTransport } from '../test-utils/createMemoryTransport';

/** The parts of Storybook's story context the decorator reads. */
export interface PersonalizeStoryContext {
  /** The story's ID. */
  id: string;
  /** The story's current args. */
  args: Record<string, unknown>;
  /** The story's parameters; `parameters.personalize` overrides the decorator's options for that story. */
  parameters: Record<string, unknown>;
}

/** How the recorder of a story is made; given to `withPersonalize` or, per story, as `parameters.personalize`. */
export interface PersonalizeStoryOptions {
  /**
   * Where the story's batches go; a function is called with the story context each time a recorder is made.
   * @default a new memory transport (`createMemoryTransport()`) for each story
   */
  transport?: Transport | ((context: PersonalizeStoryContext) => Transport) | undefined;
  /** Recorder options (`batchSize`, `flushInterval`, `userId`, `enabled`, `retry`…); persistence is always off. */
  recorder?: Omit<RecorderOptions, 'transport' | 'persistence'> | undefined;
  /** Whether every recorder activity is shown in Storybook's Actions panel. @default true */
  actions?: boolean | undefined;
  /**
   * Renders `<PersonalizeDevtools />` next to the story, with these props when an object; its code is loaded only
   * when asked for. Like everywhere, it renders nothing in a production build (a built Storybook). @default false
   */
  devtools?: boolean | PersonalizeDevtoolsProps | undefined;
}

/**
 * The devtools, loaded on first use: stories that do not ask for them do not load them. The import names the
 * `/devtools` entry's own module, so the built file loads `dist/devtools.js` (every other module is built as an
 * entry of its own too, whose output the build deletes).
 */
const PersonalizeDevtools = lazy(() =>
  import('../devtools/index').then((module) => ({ default: module.PersonalizeDevtools })),
);

/** `parameters.personalize`: the options of one story, or a function of its context (to follow its args). */
export type PersonalizeParameters =
  | PersonalizeStoryOptions
  | ((context: PersonalizeStoryContext) => PersonalizeStoryOptions);

/** A Storybook decorator for React stories. */
export type PersonalizeDecorator = (Story: ComponentType, context: PersonalizeStoryContext) => ReactElement;

/**
 * A Storybook decorator that renders every story inside a `PersonalizeProvider` with a recorder of its own (a new
 * one for each story, and whenever the story's args change), sending to a memory transport unless told otherwise,
 * with persistence off, and shows every recorder activity (recorded, sent, retried, rejected, dropped) in the
 * Actions panel. A story overrides the options with `parameters.personalize`.
 * @example
 * // .storybook/preview.tsx
 * import { withPersonalize } from 'react-personalize/storybook';
 * export default { decorators: [withPersonalize({ recorder: { flushInterval: 500 } })] };
 */
export function withPersonalize(options: PersonalizeStoryOptions = {}): PersonalizeDecorator {
  return function personalizeDecorator(Story, context) {
    return (
      <PersonalizeStory
        key={`${context.id}:${argsKey(context.args)}`}
        Story={Story}
        context={context}
        defaults={options}
      />
    );
  };
}

function argsKey(args: Record<string, unknown>): string {
  try {
    return JSON.stringify(args) ?? '';
  } catch {
    // Circular args: keep the recorder rather than fail the story.
    return '';
  }
}

interface PersonalizeStoryProps {
  Story: ComponentType;
  context: PersonalizeStoryContext;
  defaults: PersonalizeStoryOptions;
}

function PersonalizeStory({ Story, context, defaults }: PersonalizeStoryProps) {
  const [{ recorder, stopActions, devtools }] = useState(() => createStoryRecorder(context, defaults));
  const pendingClose = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    // StrictMode unmounts and remounts at once: only a real unmount (no remount in the same task) closes.
    clearTimeout(pendingClose.current);
    return () => {
      pendingClose.current = setTimeout(() => {
        // The next story's Actions panel must not show this one's retries while close() still flushes.
        stopActions();
        void recorder.close();
      }, 0);
    };
  }, [recorder, stopActions]);
  return (
    <PersonalizeProvider recorder={recorder}>
      <Story />
      {devtools && (
        <Suspense fallback={null}>
          <PersonalizeDevtools {...(devtools === true ? {} : devtools)} />
        </Suspense>
      )}
    </PersonalizeProvider>
  );
}

function createStoryRecorder(
  context: PersonalizeStoryContext,
  defaults: PersonalizeStoryOptions,
): { recorder: Recorder; stopActions: () => void; devtools: boolean | PersonalizeDevtoolsProps } {
  const parameter = context.parameters.personalize as PersonalizeParameters | undefined;
  const story = (typeof parameter === 'function' ? parameter(context) : parameter) ?? {};
  const transportOption = story.transport ?? defaults.transport;
  const transport =
    typeof transportOption === 'function' ? transportOption(context) : (transportOption ?? createMemoryTransport());
  const recorder = createRecorder({ ...defaults.recorder, ...story.recorder, transport, persistence: false });
  // Subscribed at creation, not in an effect: a story's own effects run first and may record on mount.
  const stopActions = (story.actions ?? defaults.actions ?? true) ? recorder.subscribe(showInActions) : () => {};
  return { recorder, stopActions, devtools: story.devtools ?? defaults.devtools ?? false };
}

function describeError(error: RecorderError) {
  return {
    code: error.code,
    message: error.message,
    issues: error.issues,
    eventIds: error.eventIds,
    retryable: error.retryable,
  };
}

/** A value of an event for a one-line name: a 300-character item ID must not make a 300-character line. */
function clip(value: unknown): string {
  const text = String(value);
  return text.length > 48 ? `${text.slice(0, 47)}…` : text;
}

/** `click item-1 · recommendationId rec-1`: what an event is, in one line. */
function describeEvent(event: EventInput | WireEvent | undefined): string {
  if (!event || typeof event !== 'object') return 'an event';
  const parts = [clip(event.eventType)];
  if (event.itemId !== undefined) parts.push(clip(event.itemId));
  if (event.recommendationId !== undefined) parts.push(`· recommendationId ${clip(event.recommendationId)}`);
  return parts.join(' ');
}

/** The events of a batch in one line, the first three named. */
function describeEvents(events: WireEvent[]): string {
  const named = events.slice(0, 3).map(describeEvent).join(', ');
  const count = `${events.length} event${events.length === 1 ? '' : 's'}`;
  return `${count}: ${named}${events.length > 3 ? ', …' : ''}`;
}

/**
 * One Actions entry per activity, whose name says what happened (`personalize: recorded click item-1 ·
 * recommendationId rec-1`) and whose one argument holds the details, so the panel reads as a log and not as
 * `(2) [Object, Object]`.
 */
function showInActions(activity: RecorderActivity): void {
  switch (activity.type) {
    case 'recorded':
      action(`personalize: recorded ${describeEvent(activity.event)}`)({
        ...activity.event,
        sessionId: activity.sessionId,
        userId: activity.userId,
      });
      break;
    case 'sent':
      action(`personalize: sent ${describeEvents(activity.batch.eventList)}`)(activity.batch);
      break;
    case 'retried':
      action(
        `personalize: retried ${describeEvents(activity.batch.eventList)} (attempt ${activity.attempt}, next in ${activity.delay} ms)`,
      )({ error: describeError(activity.error), batch: activity.batch });
      break;
    case 'rejected':
      action(`personalize: rejected ${describeEvent(activity.event)} (${activity.error.code})`)({
        error: describeError(activity.error),
        event: activity.event,
      });
      break;
    case 'dropped':
      action(`personalize: dropped ${describeEvents(activity.events)} (${activity.error.code})`)({
        error: describeError(activity.error),
        events: activity.events,
      });
      break;
    // 'changed' is the snapshot React re-renders from, not something the app did: leaving it out keeps the panel readable.
  }
}
