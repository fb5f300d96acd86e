import { createContext } from 'react';

/** A recommended list on screen: what the last-click panel compares a click's impression with. */
export interface Shelf {
  title: string;
  itemIds: string[];
}

/** The lists shown so far, by recommendationId (filled by `RecommendedProducts`, read by `LastClickPanel`). */
export const ShelvesContext = createContext<Map<string, Shelf>>(new Map());
