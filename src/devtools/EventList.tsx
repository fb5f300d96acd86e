'use client';
import { useState } from 'react';
import type { InspectedDelivery, InspectedEvent, RecorderInspector } from '../core/createRecorderInspector';

const DELIVERIES: InspectedDelivery[] = ['queued', 'retrying', 'sent', 'dropped', 'rejected'];

const clockTime = (ms: number) => new Date(ms).toISOString().slice(11, 23);

/** The words of an event's delivery state: attempt and next try while retrying, the reason when given up. */
function describeDelivery(entry: InspectedEvent): string {
  switch (entry.delivery) {
    case 'queued':
      return entry.attempts ? `queued (${entry.attempts} failed attempt(s))` : 'queued';
    case 'retrying':
      return `retrying: attempt ${entry.attempts} failed, next try at ${clockTime(entry.nextAttemptAt ?? 0)}`;
    case 'sent':
      return entry.attempts ? `sent after ${entry.attempts + 1} attempts` : 'sent';
    case 'dropped':
      return `dropped: ${entry.reason}`;
    case 'rejected':
      return `rejected: ${entry.reason}`;
  }
}

/** Whether the entry matches the filter text (type, item, recommendationId, eventId, impression or properties). */
function matches(entry: InspectedEvent, text: string): boolean {
  if (!text) return true;
  const { eventType, itemId, recommendationId, impression, properties } = entry.event;
  const haystack = [eventType, itemId, recommendationId, entry.key, impression?.join(' '), JSON.stringify(properties)];
  const needle = text.toLowerCase();
  return haystack.some((value) => typeof value === 'string' && value.toLowerCase().includes(needle));
}

/** Props of `EventList`. */
export interface EventListProps {
  /** The inspector whose events are listed (also paused, resumed and cleared from here). */
  inspector: RecorderInspector;
  /** The events, oldest first. */
  events: readonly InspectedEvent[];
  /** Whether the list is paused. */
  paused: boolean;
}

/** The live list of events, newest first, with a text filter, a delivery filter, pause and clear. */
export function EventList({ inspector, events, paused }: EventListProps) {
  const [text, setText] = useState('');
  const [delivery, setDelivery] = useState<InspectedDelivery | 'all'>('all');
  const shown = events.filter((entry) => (delivery === 'all' || entry.delivery === delivery) && matches(entry, text));
  return (
    <>
      <div className="bar">
        <input
          type="search"
          aria-label="Filter events"
          placeholder="Filter: type, item, recommendation…"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <select
          aria-label="Delivery state"
          value={delivery}
          onChange={(event) => setDelivery(event.target.value as InspectedDelivery | 'all')}
        >
          <option value="all">all states</option>
          {DELIVERIES.map((state) => (
            <option key={state} value={state}>
              {state}
            </option>
          ))}
        </select>
        <span className="spacer" />
        <button type="button" aria-pressed={paused} onClick={() => (paused ? inspector.resume() : inspector.pause())}>
          {paused ? 'Resume' : 'Pause'}
        </button>
        <button type="button" onClick={() => inspector.clear()}>
          Clear
        </button>
      </div>
      {shown.length === 0 ? (
        <p className="empty">{events.length ? 'No event matches the filter.' : 'No event recorded yet.'}</p>
      ) : (
        <ul className="rows" aria-label="Events">
          {[...shown].reverse().map((entry) => (
            <EventRow key={entry.key} entry={entry} />
          ))}
        </ul>
      )}
    </>
  );
}

function EventRow({ entry }: { entry: InspectedEvent }) {
  const { eventType, itemId, recommendationId, impression, properties } = entry.event;
  return (
    <li data-event-key={entry.key} data-delivery={entry.delivery} data-attempts={entry.attempts}>
      <div className="line">
        <span className="badge">{describeDelivery(entry)}</span>
        <strong>{eventType}</strong>
        {itemId !== undefined && (
          <span>
            item <code>{itemId}</code>
          </span>
        )}
        {recommendationId !== undefined && (
          <span>
            recommendation <code>{recommendationId}</code>
          </span>
        )}
        <span className="spacer" />
        <span className="muted">{clockTime(entry.recordedAt)}</span>
      </div>
      {(impression || properties) && (
        <div className="line muted">
          {impression && (
            <span>
              impression <code>{impression.join(', ')}</code>
            </span>
          )}
          {properties && (
            <span>
              properties <code>{typeof properties === 'string' ? properties : JSON.stringify(properties)}</code>
            </span>
          )}
        </div>
      )}
      {entry.message && entry.delivery !== 'sent' && <div className="muted">{entry.message}</div>}
      {entry.issues.length > 0 && (
        <ul className="issues" aria-label="Validation issues">
          {entry.issues.map((issue) => (
            <li key={`${issue.field} ${issue.rule}`}>{issue.message}</li>
          ))}
        </ul>
      )}
    </li>
  );
}
