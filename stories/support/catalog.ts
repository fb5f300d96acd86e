/** A product of the stories' fake catalog. */
export interface Product {
  itemId: string;
  name: string;
  price: number;
  /** Two letters standing for it in its tile. */
  monogram: string;
  color: string;
}

const NAMES = [
  'Trail runner',
  'Rain jacket',
  'Wool beanie',
  'Backpack',
  'Sunglasses',
  'Water bottle',
  'Camp mug',
  'Headlamp',
  'Sleeping bag',
  'Tent',
  'Compass',
  'Map case',
];
const COLORS = ['#dbeafe', '#fce7f3', '#dcfce7', '#fef3c7', '#ede9fe', '#ffedd5'];

/** `count` products, `item-1` … `item-<count>`, starting after `offset`. */
export function products(count: number, offset = 0): Product[] {
  return Array.from({ length: count }, (_, index) => {
    const n = offset + index;
    const name = NAMES[n % NAMES.length];
    return {
      itemId: `item-${n + 1}`,
      name: n < NAMES.length ? name : `${name} ${Math.floor(n / NAMES.length) + 1}`,
      price: 10 + ((n * 37) % 90),
      monogram: (name.includes(' ') ? name.replace(/(\S)\S*\s*/g, '$1') : name.slice(0, 2)).toUpperCase(),
      color: COLORS[n % COLORS.length],
    };
  });
}
