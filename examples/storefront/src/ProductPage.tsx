import { useEffect, useRef, useState } from 'react';
import { useTrackEvent } from 'react-personalize';
import { findProduct, monogram } from './catalog';
import { RecommendedProducts } from './RecommendedProducts';

/** A product page: its details, add to cart, buy, and related recommendations. */
export function ProductPage({ itemId, navigate }: { itemId: string; navigate: (path: string) => void }) {
  const product = findProduct(itemId);
  const track = useTrackEvent();
  const [bought, setBought] = useState(false);
  // One view per visit: StrictMode runs mount effects twice, the ref survives that remount.
  const viewed = useRef(false);
  useEffect(() => {
    if (viewed.current || !product) return;
    viewed.current = true;
    track({ eventType: 'view', itemId: product.itemId });
  }, [product, track]);

  if (!product) return <p>No such product.</p>;
  return (
    <>
      <article className="product">
        <div className="product__swatch" style={{ background: product.color }} aria-hidden>
          {monogram(product)}
        </div>
        <div className="product__details">
          <p className="muted">{product.category}</p>
          <h1>{product.name}</h1>
          <p>{product.description}</p>
          <p className="product__price">${product.price}</p>
          <div className="product__actions">
            <button
              type="button"
              className="button"
              onClick={() => track({ eventType: 'add-to-cart', itemId: product.itemId })}
            >
              Add to cart
            </button>
            <button
              type="button"
              className="button button--primary"
              disabled={bought}
              onClick={() => {
                track({ eventType: 'purchase', itemId: product.itemId, eventValue: product.price });
                setBought(true);
              }}
            >
              {bought ? 'Bought — thank you!' : 'Buy now'}
            </button>
          </div>
        </div>
      </article>
      <RecommendedProducts
        title="More like this"
        list="related"
        layout="carousel"
        count={10}
        itemId={product.itemId}
        navigate={navigate}
      />
    </>
  );
}
