import { RecommendedProducts } from './RecommendedProducts';

/** The home page: a hero and the shopper's recommendations. */
export function HomePage({ navigate }: { navigate: (path: string) => void }) {
  return (
    <>
      <section className="hero">
        <h1>Gear for the long way round</h1>
        <p>
          Browse, click, buy: every interaction is recorded, batched and sent to Amazon Personalize's PutEvents — here,
          a local stand-in. Impressions count only what you really saw.
        </p>
      </section>
      <RecommendedProducts title="Recommended for you" navigate={navigate} />
    </>
  );
}
