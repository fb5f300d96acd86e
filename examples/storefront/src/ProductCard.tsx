import { useImpression, useTrackEvent } from 'react-personalize';
import { monogram, type Product } from './catalog';

/** A product tile in a recommended list: its element counts for impressions, a click is recorded, then opens it. */
export function ProductCard({ product, navigate }: { product: Product; navigate: (path: string) => void }) {
  const ref = useImpression(product.itemId);
  const track = useTrackEvent();
  const href = `/products/${product.itemId}`;
  return (
    <li ref={ref} className="card" data-item-id={product.itemId}>
      <a
        href={href}
        onClick={(event) => {
          event.preventDefault();
          track({ eventType: 'click', itemId: product.itemId });
          navigate(href);
        }}
      >
        <div className="card__swatch" style={{ background: product.color }} aria-hidden>
          {monogram(product)}
        </div>
        <div className="card__name">{product.name}</div>
        <div className="card__meta">
          <span>{product.category}</span>
          <span>${product.price}</span>
        </div>
      </a>
    </li>
  );
}
