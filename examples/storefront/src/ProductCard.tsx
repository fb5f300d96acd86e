import { useImpression, useTrackEvent } from 'react-personalize';
import { monogram, type Product } from './catalog';
import { useSeen } from './useSeen';

/** Props of a product tile. */
export interface ProductCardProps {
  product: Product;
  /** The list the tile is in, for its "seen" badge. */
  recommendationId: string | undefined;
  navigate: (path: string) => void;
}

/**
 * A product tile in a recommended list: its element counts for impressions, a badge shows once it counts as seen, a
 * click is recorded, then opens the product.
 */
export function ProductCard({ product, recommendationId, navigate }: ProductCardProps) {
  const ref = useImpression(product.itemId);
  const track = useTrackEvent();
  const seen = useSeen(product.itemId, recommendationId);
  const href = `/products/${product.itemId}`;
  return (
    <li ref={ref} className="card" data-item-id={product.itemId} data-seen={seen}>
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
        <div className={seen ? 'card__seen card__seen--yes' : 'card__seen'}>{seen ? '✓ seen' : 'not seen yet'}</div>
      </a>
    </li>
  );
}
