import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  GetPersonalizedRankingCommand,
  GetRecommendationsCommand,
  PersonalizeRuntime,
  PersonalizeRuntimeClient,
} from '@aws-sdk/client-personalize-runtime';
import { QueryClient } from '@tanstack/react-query';
import { createRecommendationsFetcher, type RecommendationsQueryContext } from 'react-personalize/query';

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const RECOMMENDER = 'arn:aws:personalize:us-east-1:123456789012:recommender/top-picks';
const CAMPAIGN = 'arn:aws:personalize:us-east-1:123456789012:campaign/ranking';

interface Seen {
  method: string;
  path: string;
  body: Record<string, unknown>;
  authorization: string | undefined;
}
type Answer = { status: number; headers?: Record<string, string>; body: unknown; delay?: number };

/** A stand-in for Personalize Runtime on 127.0.0.1: records each request, answers what the test queued. */
let server: Server;
let url: string;
const seen: Seen[] = [];
let answer: (request: Seen) => Answer;

function handle(request: IncomingMessage, response: ServerResponse) {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const text = Buffer.concat(chunks).toString('utf8');
    const entry: Seen = {
      method: request.method ?? '',
      path: request.url ?? '',
      body: text ? JSON.parse(text) : {},
      authorization: request.headers.authorization,
    };
    seen.push(entry);
    const { status, headers = {}, body, delay = 0 } = answer(entry);
    const timer = setTimeout(() => {
      response.writeHead(status, { 'content-type': 'application/json', 'x-amzn-requestid': 'req-1', ...headers });
      response.end(JSON.stringify(body));
    }, delay);
    response.on('close', () => clearTimeout(timer));
  });
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  seen.length = 0;
  answer = () => ({ status: 200, body: { itemList: [], recommendationId: 'rec-empty' } });
});

function bareClient() {
  return new PersonalizeRuntimeClient({ region: 'us-east-1', endpoint: url, credentials: CREDENTIALS, maxAttempts: 1 });
}

/** What useRecommendations hands a queryFn, minus TanStack's own fields. */
const asUser = (userId: string | undefined, sessionId = 'session-1') =>
  ({ userId, sessionId }) as Partial<RecommendationsQueryContext>;

describe('createRecommendationsFetcher', () => {
  it('sends GetRecommendations through the real SDK and maps the answer to the list shape', async () => {
    answer = () => ({
      status: 200,
      body: {
        recommendationId: 'RID-7f3c',
        itemList: [
          { itemId: 'sku-1', score: 0.91, reason: ['Promoted item'], promotionName: 'summer' },
          { itemId: 'sku-2', score: 0.42, metadata: { TITLE: 'Socks' } },
          { score: 0.1 },
        ],
      },
    });
    const personalize = createRecommendationsFetcher({ client: bareClient(), commands: { GetRecommendationsCommand } });
    const query = personalize.getRecommendations({
      recommenderArn: RECOMMENDER,
      numResults: 12,
      filterArn: `${RECOMMENDER}-filter`,
      filterValues: { CATEGORY: '"shoes"' },
      context: { DEVICE: 'mobile' },
    });
    const list = await query.queryFn(asUser('alice'));

    expect(list).toEqual({
      recommendationId: 'RID-7f3c',
      itemList: [
        { itemId: 'sku-1', score: 0.91, reason: ['Promoted item'], promotionName: 'summer' },
        { itemId: 'sku-2', score: 0.42, metadata: { TITLE: 'Socks' } },
      ],
    });
    expect(seen).toHaveLength(1);
    expect(seen[0].method).toBe('POST');
    expect(seen[0].path).toBe('/recommendations');
    expect(seen[0].body).toEqual({
      recommenderArn: RECOMMENDER,
      userId: 'alice',
      numResults: 12,
      filterArn: `${RECOMMENDER}-filter`,
      filterValues: { CATEGORY: '"shoes"' },
      context: { DEVICE: 'mobile' },
    });
    expect(seen[0].authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/personalize\//);
  });

  it('asks for an anonymous user by their sessionId, and lets the request’s own userId win', async () => {
    const personalize = createRecommendationsFetcher({ client: bareClient(), commands: { GetRecommendationsCommand } });
    await personalize.getRecommendations({ recommenderArn: RECOMMENDER }).queryFn(asUser(undefined, 'session-42'));
    await personalize.getRecommendations({ recommenderArn: RECOMMENDER, userId: 'bob' }).queryFn(asUser('alice'));
    expect(seen.map((request) => request.body.userId)).toEqual(['session-42', 'bob']);
  });

  it('sends GetPersonalizedRanking to /personalize-ranking and maps personalizedRanking', async () => {
    answer = () => ({
      status: 200,
      body: {
        recommendationId: 'RID-rank',
        personalizedRanking: [
          { itemId: 'b', score: 0.7 },
          { itemId: 'a', score: 0.3 },
        ],
      },
    });
    const personalize = createRecommendationsFetcher({
      client: bareClient(),
      commands: { GetPersonalizedRankingCommand },
    });
    const list = await personalize
      .getPersonalizedRanking({ campaignArn: CAMPAIGN, inputList: ['a', 'b'] })
      .queryFn(asUser('alice'));
    expect(list).toEqual({
      recommendationId: 'RID-rank',
      itemList: [
        { itemId: 'b', score: 0.7 },
        { itemId: 'a', score: 0.3 },
      ],
    });
    expect(seen[0].path).toBe('/personalize-ranking');
    expect(seen[0].body).toEqual({ campaignArn: CAMPAIGN, inputList: ['a', 'b'], userId: 'alice' });
  });

  it('works with the aggregated PersonalizeRuntime client and no command classes', async () => {
    answer = () => ({ status: 200, body: { recommendationId: 'RID-agg', itemList: [{ itemId: 'x' }] } });
    const personalize = createRecommendationsFetcher({
      client: new PersonalizeRuntime({ region: 'us-east-1', endpoint: url, credentials: CREDENTIALS, maxAttempts: 1 }),
    });
    const list = await personalize.getRecommendations({ recommenderArn: RECOMMENDER }).queryFn(asUser('alice'));
    expect(list).toEqual({ recommendationId: 'RID-agg', itemList: [{ itemId: 'x' }] });
    expect(seen[0].path).toBe('/recommendations');
  });

  it('rejects with the service’s error', async () => {
    answer = () => ({
      status: 404,
      headers: { 'x-amzn-errortype': 'ResourceNotFoundException' },
      body: { message: 'Recommender not found' },
    });
    const personalize = createRecommendationsFetcher({ client: bareClient(), commands: { GetRecommendationsCommand } });
    await expect(
      personalize.getRecommendations({ recommenderArn: RECOMMENDER }).queryFn(asUser('alice')),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'Recommender not found' });
  });

  it('names the fix when a bare client comes without the command class', async () => {
    const personalize = createRecommendationsFetcher({ client: bareClient(), commands: { GetRecommendationsCommand } });
    await expect(
      personalize.getPersonalizedRanking({ campaignArn: CAMPAIGN, inputList: ['a'] }).queryFn(asUser('alice')),
    ).rejects.toThrow(
      'createRecommendationsFetcher: cannot send GetPersonalizedRanking: pass commands: { GetPersonalizedRankingCommand } from @aws-sdk/client-personalize-runtime, or a PersonalizeRuntime client.',
    );
    expect(seen).toHaveLength(0);
  });

  it('keys each request by all its fields, so filters and contexts never share a cache entry', () => {
    const personalize = createRecommendationsFetcher({ client: bareClient(), commands: { GetRecommendationsCommand } });
    const shoes = personalize.getRecommendations({
      recommenderArn: RECOMMENDER,
      filterValues: { CATEGORY: '"shoes"' },
    });
    const hats = personalize.getRecommendations({ recommenderArn: RECOMMENDER, filterValues: { CATEGORY: '"hats"' } });
    const mobile = personalize.getRecommendations({ recommenderArn: RECOMMENDER, context: { DEVICE: 'mobile' } });
    const keys = [shoes, hats, mobile].map((query) => JSON.stringify(query.queryKey));
    expect(new Set(keys).size).toBe(3);
  });

  it('fits TanStack Query: fetchQuery caches the list and the abort signal cancels the request', async () => {
    answer = () => ({ status: 200, body: { recommendationId: 'RID-q', itemList: [{ itemId: 'y' }] } });
    const personalize = createRecommendationsFetcher({ client: bareClient(), commands: { GetRecommendationsCommand } });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const query = personalize.getRecommendations({ recommenderArn: RECOMMENDER, itemId: 'sku-1' });
    expect(await queryClient.fetchQuery(query)).toEqual({ recommendationId: 'RID-q', itemList: [{ itemId: 'y' }] });
    expect(queryClient.getQueryData(query.queryKey)).toEqual({
      recommendationId: 'RID-q',
      itemList: [{ itemId: 'y' }],
    });

    // An answer long after any wait of a busy machine: only the abort can settle the request in time.
    answer = () => ({ status: 200, body: { itemList: [] }, delay: 30_000 });
    const controller = new AbortController();
    const pending = query.queryFn({ userId: 'alice', signal: controller.signal });
    await vi.waitFor(() => expect(seen).toHaveLength(2), { timeout: 10_000 });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});
