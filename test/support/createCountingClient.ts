import type { PersonalizeEventsClient, PutEventsCommandInput } from '@aws-sdk/client-personalize-events';

/**
 * A PersonalizeEventsClient that keeps the input of every PutEvents it is sent (`inputs`) and answers 200, or throws
 * what `failure` returns.
 */
export function createCountingClient(failure?: () => unknown) {
  const inputs: PutEventsCommandInput[] = [];
  const client = {
    async send(command: { input: PutEventsCommandInput }) {
      inputs.push(command.input);
      if (failure) throw failure();
      return { $metadata: { httpStatusCode: 200 } };
    },
  } as unknown as PersonalizeEventsClient;
  return { client, inputs };
}
