/** A product of the demo's fake catalog. */
export interface Product {
  itemId: string;
  name: string;
  category: string;
  price: number;
  color: string;
  description: string;
}

/** The whole (fake) catalog; item IDs are what the events carry. */
export const catalog: Product[] = [
  ['trail-runner', 'Trail runner', 'Shoes', 129, '#dbeafe', 'Grippy, light, made for wet rock and long days.'],
  ['rain-jacket', 'Rain jacket', 'Outerwear', 189, '#fce7f3', 'Three-layer shell that packs into its own pocket.'],
  ['wool-beanie', 'Wool beanie', 'Accessories', 29, '#dcfce7', 'Merino, soft, warm even when damp.'],
  ['day-pack', 'Day pack', 'Bags', 99, '#fef3c7', '24 litres, rain cover included.'],
  ['sunglasses', 'Glacier sunglasses', 'Accessories', 79, '#ede9fe', 'Category 4 lenses with side shields.'],
  ['bottle', 'Steel bottle', 'Camp', 35, '#ffedd5', 'Keeps cold for a day, hot for half of one.'],
  ['camp-mug', 'Camp mug', 'Camp', 19, '#dbeafe', 'Enamel, stackable, unbreakable enough.'],
  ['headlamp', 'Headlamp', 'Camp', 49, '#fce7f3', '400 lumens, red mode, USB-C.'],
  ['sleeping-bag', 'Down sleeping bag', 'Sleep', 329, '#dcfce7', 'Comfort to -5 °C, 900 g.'],
  ['tent', 'Two-person tent', 'Sleep', 449, '#fef3c7', 'Freestanding, 1.6 kg, pitches in the rain.'],
  ['compass', 'Baseplate compass', 'Navigation', 39, '#ede9fe', 'Declination adjustment, mirror sight.'],
  ['map-case', 'Map case', 'Navigation', 25, '#ffedd5', 'Waterproof, fits a folded 1:25k sheet.'],
  ['trekking-poles', 'Trekking poles', 'Accessories', 119, '#dbeafe', 'Carbon, three sections, cork grips.'],
  ['gloves', 'Fleece gloves', 'Accessories', 32, '#fce7f3', 'Touchscreen fingertips.'],
  ['stove', 'Canister stove', 'Camp', 59, '#dcfce7', 'Boils a litre in three minutes.'],
  ['socks', 'Hiking socks', 'Shoes', 22, '#fef3c7', 'Cushioned, seamless toes.'],
].map(([itemId, name, category, price, color, description]) => ({
  itemId,
  name,
  category,
  price,
  color,
  description,
})) as Product[];

/** The product with this ID, if any. */
export function findProduct(itemId: string): Product | undefined {
  return catalog.find((product) => product.itemId === itemId);
}

/** Two letters standing for the product in its tile (no emoji font needed). */
export function monogram(product: Product): string {
  const words = product.name.split(' ');
  return (words.length > 1 ? words[0][0] + words[1][0] : product.name.slice(0, 2)).toUpperCase();
}
