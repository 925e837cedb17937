// A `fetch` for Node that reaches the stand-in under Graph's real host names, as Chromium does with
// --host-resolver-rules: the URL, the Host header and the TLS server name stay https://graph.microsoft.com; only the
// TCP connection goes to 127.0.0.1:<port> (undici's Agent with its own connector wrapped; the throwaway certificate
// is accepted). Answers come back as the platform's own Response, so code under test sees what it sees in production.
import { Agent, buildConnector, fetch as undiciFetch } from 'undici';

export interface StandInFetch {
  fetch: typeof fetch;
  close(): Promise<void>;
}

export function standInFetch(port: number): StandInFetch {
  const connector = buildConnector({ rejectUnauthorized: false });
  const agent = new Agent({
    connect: (options, callback) => connector({ ...options, hostname: '127.0.0.1', port: String(port), servername: options.hostname }, callback),
  });
  const mapped = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : null;
    const url = request ? request.url : String(input);
    const answer = await undiciFetch(url, {
      method: init?.method ?? request?.method ?? 'GET',
      headers: (init?.headers ?? request?.headers) as Record<string, string> | undefined,
      body: (init?.body ?? null) as string | null,
      signal: init?.signal ?? null,
      dispatcher: agent,
    });
    const body = answer.status === 204 || answer.status === 304 ? null : await answer.arrayBuffer();
    return new Response(body, { status: answer.status, statusText: answer.statusText, headers: Object.fromEntries(answer.headers) });
  };
  return { fetch: mapped as typeof fetch, close: () => agent.close() };
}
