import { useContext, useEffect, useState } from 'react';
import { usePersonalize, type WireEvent } from 'react-personalize';
import { findProduct } from './catalog';
import { ShelvesContext } from './shelves';

const name = (itemId: string) => findProduct(itemId)?.name ?? itemId;

/**
 * The last click on a recommended product as the recorder queued it: its recommendationId and impression, set
 * against the whole list, so what was seen and what was not is plain.
 */
export function LastClickPanel() {
  const recorder = usePersonalize();
  const shelves = useContext(ShelvesContext);
  const [click, setClick] = useState<WireEvent>();
  useEffect(
    () =>
      recorder.subscribe((activity) => {
        if (activity.type === 'recorded' && activity.event.eventType === 'click') setClick(activity.event);
      }),
    [recorder],
  );

  const shelf = click?.recommendationId ? shelves.get(click.recommendationId) : undefined;
  const impression = click?.impression ?? [];
  const unseen = shelf ? shelf.itemIds.filter((itemId) => !impression.includes(itemId)) : [];
  return (
    <aside className="last-click" aria-label="Last click">
      <h2>Last click</h2>
      {!click ? (
        <p className="muted">
          Click a product: the event's <code>recommendationId</code> and <code>impression</code> show here.
        </p>
      ) : (
        <dl>
          <dt>itemId</dt>
          <dd data-field="itemId">{click.itemId}</dd>
          <dt>recommendationId</dt>
          <dd data-field="recommendationId">{click.recommendationId ?? '—'}</dd>
          <dt>impression</dt>
          <dd data-field="impression">
            {impression.length} of {shelf ? `${shelf.itemIds.length} items in “${shelf.title}”` : 'the list'}: the cards
            you saw
            <ul className="chips">
              {impression.map((itemId) => (
                <li key={itemId} className="chip chip--seen">
                  {name(itemId)}
                </li>
              ))}
            </ul>
          </dd>
          {unseen.length > 0 && (
            <>
              <dt>not in it</dt>
              <dd data-field="unseen">
                {unseen.length} not seen
                <ul className="chips">
                  {unseen.map((itemId) => (
                    <li key={itemId} className="chip">
                      {name(itemId)}
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          )}
        </dl>
      )}
    </aside>
  );
}
