// @vitest-environment node
import { PersonalizeEventsClient } from '@aws-sdk/client-personalize-events';
import { createPersonalizeTransport } from '../../src/aws/createPersonalizeTransport';

const batch = { sessionId: 's', eventList: [{ eventId: 'e1', eventType: 'click', sentAt: Date.now() / 1000 }] };

describe('a user-supplied client whose send is stubbed (vi.spyOn / aws-sdk-client-mock), no AWS credentials on CI', () => {
  const saved = { ...process.env };
  beforeEach(() => {
    // No credentials or config from the environment; the SDK's Node-version notice stays off.
    for (const key of Object.keys(process.env)) {
      if (key.startsWith('AWS_') && key !== 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED') delete process.env[key];
    }
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/credentials';
    process.env.AWS_CONFIG_FILE = '/nonexistent/config';
  });
  afterEach(() => {
    process.env = saved;
  });
  it('reaches the stubbed send: the transport fetches credentials up front only on clients it built', async () => {
    const client = new PersonalizeEventsClient({ region: 'us-east-1' });
    const send = vi.spyOn(client, 'send').mockResolvedValue({} as never);
    const transport = createPersonalizeTransport({ trackingId: 't', client });
    await transport.send(batch, { keepalive: false, signal: new AbortController().signal });
    expect(send).toHaveBeenCalledTimes(1);
  }, 20000);
});
