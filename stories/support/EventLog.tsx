import { useMemo, useSyncExternalStore } from 'react';
import { type Recorder, type RecorderActivity, usePersonalize } from 'react-personalize';
import { useActivityLog } from './ActivityLogContext';
import type { LogEntry } from './createActivityLog';

const short = (id: string | undefined) => (id ? (id.length > 10 ? `${id.slice(0, 8)}…` : id) : '—');

function subscribeToChanges(recorder: Recorder) {
  return (onChange: () => void) =>
    recorder.subscribe((activity: RecorderActivity) => {
      if (activity.type === 'changed') onChange();
    });
}

function EntryDetails({ entry }: { entry: LogEntry }) {
  const { event } = entry;
  switch (entry.type) {
    case 'recorded':
      return (
        <>
          <strong>{event?.eventType}</strong>
          {event?.itemId && <span className="rp-log__item">{event.itemId}</span>}
          {event?.recommendationId && <span className="rp-log__field">rec {event.recommendationId}</span>}
          {event?.impression && (
            <span className="rp-log__field" title={event.impression.join(', ')}>
              impression [{event.impression.join(', ')}]
            </span>
          )}
        </>
      );
    case 'sent':
      return (
        <>
          <strong>
            batch of {entry.eventIds.length} event{entry.eventIds.length === 1 ? '' : 's'}
          </strong>
          <span className="rp-log__field">session {short(entry.sessionId)}</span>
          <span className="rp-log__field">{entry.userId ? `user ${entry.userId}` : 'anonymous'}</span>
        </>
      );
    case 'retried':
      return (
        <>
          <strong>
            attempt {entry.attempt} failed, retry in {entry.delay} ms
          </strong>
          <span className="rp-log__field">{entry.error}</span>
        </>
      );
    default:
      return (
        <>
          <strong>
            {entry.eventIds.length} event{entry.eventIds.length === 1 ? '' : 's'}
          </strong>
          <span className="rp-log__field">{entry.error}</span>
        </>
      );
  }
}

/**
 * The on-screen event log every story shows: the recorder's state, then what it did as it happens (events recorded,
 * batches sent, retries, rejections, drops), newest first.
 */
export function EventLog() {
  const recorder = usePersonalize();
  const subscribe = useMemo(() => subscribeToChanges(recorder), [recorder]);
  const snapshot = useSyncExternalStore(subscribe, recorder.getSnapshot, recorder.getSnapshot);
  const { entries, counts } = useActivityLog();
  return (
    <aside className="rp-log" aria-label="Event log">
      <header className="rp-log__header">
        <h2>Event log</h2>
        <dl className="rp-log__state">
          <div>
            <dt>session</dt>
            <dd data-testid="session-id" title={snapshot.sessionId}>
              {short(snapshot.sessionId)}
            </dd>
          </div>
          <div>
            <dt>user</dt>
            <dd data-testid="user-id">{snapshot.userId ?? 'anonymous'}</dd>
          </div>
          <div>
            <dt>consent</dt>
            <dd data-testid="enabled">{snapshot.enabled ? 'on' : 'off'}</dd>
          </div>
          <div>
            <dt>recorded</dt>
            <dd data-testid="recorded-count">{counts.recorded}</dd>
          </div>
          <div>
            <dt>queued</dt>
            <dd data-testid="queued-count">{snapshot.queued}</dd>
          </div>
          <div>
            <dt>in flight</dt>
            <dd data-testid="in-flight-count">{snapshot.inFlight}</dd>
          </div>
          <div>
            <dt>sent</dt>
            <dd data-testid="sent-count">{snapshot.sent}</dd>
          </div>
          <div>
            <dt>retries</dt>
            <dd data-testid="retried-count">{counts.retried}</dd>
          </div>
          <div>
            <dt>failed</dt>
            <dd data-testid="failed-count">{snapshot.failed}</dd>
          </div>
        </dl>
      </header>
      {entries.length === 0 ? (
        <p className="rp-log__empty">Nothing yet: interact with the story.</p>
      ) : (
        <ol className="rp-log__entries" aria-label="Recorder activity">
          {entries.map((entry) => (
            <li
              key={entry.id}
              className={`rp-log__entry rp-log__entry--${entry.type}`}
              data-type={entry.type}
              data-event-type={entry.event?.eventType}
              data-item-id={entry.event?.itemId}
              data-event-ids={entry.eventIds.join(' ')}
              data-event={entry.event ? JSON.stringify(entry.event) : undefined}
            >
              <span className="rp-log__time">+{entry.at} ms</span>
              <span className="rp-log__badge">{entry.type}</span>
              <EntryDetails entry={entry} />
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
