import { useImpression, useTrackEvent } from 'react-personalize';

/**
 * A recommended item as the tests render it: its element marks the item's impression, and its button ("open <id>")
 * records a click on it.
 */
export function Card({ itemId }: { itemId: string }) {
  const ref = useImpression(itemId);
  const track = useTrackEvent();
  return (
    <li ref={ref} data-testid={itemId}>
      <button type="button" onClick={() => track({ eventType: 'click', itemId })}>
        {`open ${itemId}`}
      </button>
    </li>
  );
}
