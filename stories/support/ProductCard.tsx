import { useImpression, useTrackEvent } from 'react-personalize';
import type { Product } from './catalog';

/** Props of `ProductCard`. */
export interface ProductCardProps {
  product: Product;
  /** Highlighted once ImpressionTracker has counted it as viewed. */
  viewed?: boolean;
  /** The element: `li` inside a list. @default 'li' */
  as?: 'li' | 'div';
}

/** A product tile of a recommendation list: registers its element for impressions, records a click. */
export function ProductCard({ product, viewed = false, as: Element = 'li' }: ProductCardProps) {
  const ref = useImpression(product.itemId);
  const track = useTrackEvent();
  return (
    <Element ref={ref} className="rp-card" data-item-id={product.itemId} data-viewed={viewed}>
      <button
        type="button"
        className="rp-card__button"
        aria-label={`Open ${product.name}`}
        onClick={() => track({ eventType: 'click', itemId: product.itemId })}
      >
        <div className="rp-card__swatch" style={{ background: product.color }} aria-hidden>
          {product.monogram}
        </div>
        <div className="rp-card__name">{product.name}</div>
        <div className="rp-card__meta">
          <span>{product.itemId}</span>
          <span>${product.price}</span>
        </div>
      </button>
    </Element>
  );
}
