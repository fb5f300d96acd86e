'use client';
import { useImpression } from 'react-personalize';

/** One recommended item: a Client Component, as `useImpression` is a hook. */
export function RecommendedItem({ itemId, name }: { itemId: string; name: string }) {
  const ref = useImpression(itemId);
  return <li ref={ref}>{name}</li>;
}
