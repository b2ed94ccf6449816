/**
 * A scriptable OpenAI-compatible server for tests, on 127.0.0.1 at a free
 * port. Each POST /chat/completions takes the next scripted step (a reply,
 * an HTTP error, a slow reply, a dropped connection); an unscripted request
 * gets a 500 that names the problem, so a test that sends more than it
 * scripted fails loudly. GET /models lists the configured models.
 * `close()` destroys every open socket, so nothing outlives the test.
 *
 * For browser tests, `cors: true` adds `Access-Control-Allow-Origin: *` to
 * every answer and answers CORS preflights (OPTIONS, not recorded), and
 * `respond` answers chat requests once the script is used up (a router by
 * the request's schema name, say) instead of the 500.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** Parsed JSON body (undefined for GET). */
  body: Record<string, unknown> | undefined;
}

export type Step =
  /** 200 with a chat completion whose message content is `reply`. `usage: null` leaves usage out. */
  | {
      reply: string;
      usage?: { prompt_tokens: number; completion_tokens: number } | null;
      delayMs?: number;
    }
  /** Any status with a JSON (or text) body and headers. */
  | { status: number; body?: unknown; headers?: Record<string, string>; delayMs?: number }
  /** Close the socket without answering. */
  | { drop: true; delayMs?: number }
  /** Decide from the request. */
  | ((request: RecordedRequest) => Step);

export interface TestServerOptions {
  /** response_format types answered with 400 (as servers without structured output do). */
  refuse?: Array<'json_schema' | 'json_object'>;
  /** Ids listed by GET /models. */
  models?: string[];
  /** Send CORS headers and answer preflights, as servers set up for browsers do. Default false. */
  cors?: boolean;
  /** Answers chat requests when no scripted step is left (default: a 500 naming the problem). */
  respond?: (request: RecordedRequest) => Step;
}

export interface OpenAiTestServer {
  /** Base URL including /v1. */
  readonly baseUrl: string;
  /** Origin only (http://127.0.0.1:port). */
  readonly origin: string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** Chat requests received (POST /chat/completions). */
  readonly chatRequests: RecordedRequest[];
  /** The most chat requests that were being handled at the same moment. */
  readonly maxConcurrent: number;
  /** Queue steps for the next chat requests. */
  script(...steps: Step[]): void;
  /** Steps not yet used. */
  readonly pending: number;
  close(): Promise<void>;
}

export async function startOpenAiTestServer(
  options: TestServerOptions = {},
): Promise<OpenAiTestServer> {
  const queue: Step[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let inFlight = 0;
  let maxConcurrent = 0;

  const wait = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  const sendJson = (
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void => {
    if (res.destroyed || res.writableEnded) return;
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': typeof body === 'string' ? 'text/plain' : 'application/json',
      ...(options.cors ? { 'Access-Control-Allow-Origin': '*' } : {}),
      ...headers,
    });
    res.end(text);
  };

  async function handleChat(req: RecordedRequest, res: ServerResponse): Promise<void> {
    const format = req.body?.response_format as { type?: string } | undefined;
    if (format?.type && options.refuse?.includes(format.type as 'json_schema')) {
      sendJson(res, 400, {
        error: {
          message: `response_format type "${format.type}" is not supported by this server`,
          type: 'invalid_request_error',
        },
      });
      return;
    }
    let step = queue.shift() ?? options.respond?.(req);
    while (typeof step === 'function') step = step(req);
    if (!step) {
      sendJson(res, 500, { error: { message: 'test server: no scripted reply left' } });
      return;
    }
    if (step.delayMs) await wait(step.delayMs);
    if ('drop' in step) {
      res.socket?.destroy();
      return;
    }
    if ('status' in step) {
      sendJson(
        res,
        step.status,
        step.body ?? { error: { message: `status ${step.status}` } },
        step.headers,
      );
      return;
    }
    const completion: Record<string, unknown> = {
      id: `chatcmpl-${requests.length}`,
      object: 'chat.completion',
      created: 0,
      model: req.body?.model ?? 'test',
      choices: [
        { index: 0, message: { role: 'assistant', content: step.reply }, finish_reason: 'stop' },
      ],
    };
    if (step.usage !== null) {
      completion.usage = step.usage ?? {
        prompt_tokens: 11,
        completion_tokens: 7,
        total_tokens: 18,
      };
    }
    sendJson(res, 200, completion);
  }

  const server = createServer((incoming, res) => {
    if (options.cors && incoming.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers':
          incoming.headers['access-control-request-headers'] ?? 'Authorization, Content-Type',
        'Access-Control-Max-Age': '600',
      });
      res.end();
      incoming.resume();
      return;
    }
    const chunks: Buffer[] = [];
    incoming.on('data', (c: Buffer) => chunks.push(c));
    incoming.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = incoming.url ?? '/';
      // Like real servers, the API lives under /v1 only.
      const path = url.startsWith('/v1/') ? url.slice(3) : `(outside /v1) ${url}`;
      let body: Record<string, unknown> | undefined;
      if (raw) {
        try {
          body = JSON.parse(raw) as Record<string, unknown>;
        } catch {
          sendJson(res, 400, { error: { message: 'body is not JSON' } });
          return;
        }
      }
      const recorded: RecordedRequest = {
        method: incoming.method ?? 'GET',
        path,
        headers: incoming.headers,
        body,
      };
      requests.push(recorded);
      if (recorded.method === 'GET' && path === '/models') {
        sendJson(res, 200, {
          object: 'list',
          data: (options.models ?? ['test-model']).map((id) => ({ id, object: 'model' })),
        });
        return;
      }
      if (recorded.method === 'POST' && path === '/chat/completions') {
        inFlight++;
        maxConcurrent = Math.max(maxConcurrent, inFlight);
        void handleChat(recorded, res)
          .catch((error: unknown) => sendJson(res, 500, { error: { message: String(error) } }))
          .finally(() => inFlight--);
        return;
      }
      sendJson(res, 404, { error: { message: `no route ${recorded.method} ${path}` } });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    baseUrl: `${origin}/v1`,
    origin,
    requests,
    get chatRequests() {
      return requests.filter((r) => r.path === '/chat/completions');
    },
    get maxConcurrent() {
      return maxConcurrent;
    },
    get pending() {
      return queue.length;
    },
    script(...steps) {
      queue.push(...steps);
    },
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
