import { RecommendedProducts } from './RecommendedProducts';

/** The home page: a hero, the shopper's recommendations in a grid, and a carousel further down. */
export function HomePage({ navigate }: { navigate: (path: string) => void }) {
  return (
    <>
      <section className="hero">
        <h1>Gear for the long way round</h1>
        <p>
          Browse, click, buy: every interaction is recorded, batched and sent to Amazon Personalize's PutEvents — here,
          a local stand-in. Impressions count only what you really saw: a card is marked <em>seen</em> once half of it
          has been on screen for a second. Scroll, then click a card and compare the impression with the whole list.
        </p>
      </section>
      <RecommendedProducts title="Recommended for you" list="home" layout="grid" count={16} navigate={navigate} />
      <RecommendedProducts title="Trending now" list="trending" layout="carousel" count={10} navigate={navigate} />
    </>
  );
}
