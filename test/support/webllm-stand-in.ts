/**
 * A stand-in for the model worker that speaks WebLLM's worker protocol
 * (protocol.ts) without WebGPU or model files: it reports load progress,
 * answers chat completions from a script, honours interrupts and unloads,
 * and fails the way WebLLM's worker does (an error string in a `throw`).
 * Tests drive WebLLM's real client and our engine through it (test code: it
 * is not part of the game).
 */
import { WEBLLM_MODELS } from '../../src/llm/webllm/models';
import type {
  ChatCompletion,
  ChatCompletionRequestNonStreaming,
  ChatContent,
  ChatWorkerLike,
  ReloadContent,
  WorkerRequest,
  WorkerResponse,
} from '../../src/llm/webllm/protocol';

export type StandInReply = string | { throw: string };

export interface StandInOptions {
  /** Model ids it can "load". Default: every id in WEBLLM_MODELS. */
  knownModels?: string[];
  /** Progress reports during a load. Default 3. */
  progressSteps?: number;
  /** Pause between progress reports, ms. Default 0. */
  stepDelayMs?: number;
  /** Fail loading with this error text (as WebLLM's worker sends it, e.g. "DeviceLostError: …"). */
  loadError?: string;
  /** The reply to a chat request: its text, or `{ throw }` to fail it. Default: echo the last message as JSON. */
  reply?: (request: ChatCompletionRequestNonStreaming) => StandInReply | Promise<StandInReply>;
  /** How long a reply takes, ms (interruptGenerate ends it early). Default 0. */
  replyDelayMs?: number;
}

export class StandInWorker implements ChatWorkerLike {
  onmessage: ((event: MessageEvent) => void) | null = null;
  /** Every request received, in order. */
  readonly received: WorkerRequest[] = [];
  terminated = false;
  /** The model loaded now, with its chat options. */
  loaded: { modelId: string; chatOpts: Record<string, unknown> | undefined } | null = null;
  /** Chat completions being worked on now (more than one would mean no serialisation). */
  busy = 0;
  maxBusy = 0;

  private readonly options: StandInOptions;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private interrupt: (() => void) | null = null;

  constructor(options: StandInOptions = {}) {
    this.options = options;
  }

  postMessage(message: unknown): void {
    if (this.terminated) return;
    const request = message as WorkerRequest;
    this.received.push(request);
    const t = setTimeout(() => {
      this.timers.delete(t);
      void this.handle(request);
    }, 0);
    this.timers.add(t);
  }

  terminate(): void {
    this.terminated = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.interrupt?.();
  }

  /** Requests of one kind. */
  requestsOf(kind: string): WorkerRequest[] {
    return this.received.filter((r) => r.kind === kind);
  }

  private async handle(request: WorkerRequest): Promise<void> {
    try {
      switch (request.kind) {
        case 'reload':
          await this.load(request.content as unknown as ReloadContent);
          this.send({ kind: 'return', uuid: request.uuid, content: null as never });
          return;
        case 'chatCompletionNonStreaming': {
          const completion = await this.complete(request.content as unknown as ChatContent);
          this.send({ kind: 'return', uuid: request.uuid, content: completion as never });
          return;
        }
        case 'interruptGenerate':
          this.interrupt?.();
          this.send({ kind: 'return', uuid: request.uuid, content: null as never });
          return;
        case 'unload':
          this.loaded = null;
          this.send({ kind: 'return', uuid: request.uuid, content: null as never });
          return;
        case 'setAppConfig':
        case 'setLogLevel':
          return;
        default:
          throw namedError(
            `UnknownMessageKindError: the stand-in does not handle "${request.kind}"`,
          );
      }
    } catch (error) {
      // WebLLM's handler sends `err.toString()`: "DeviceLostError: The WebGPU device…".
      this.send({ kind: 'throw', uuid: request.uuid, content: String(error) as never });
    }
  }

  private async load(content: ReloadContent): Promise<void> {
    const modelId = content.modelId[0] ?? '';
    const known =
      this.options.knownModels ?? WEBLLM_MODELS.flatMap((m) => [m.ids.q4f16, m.ids.q4f32]);
    if (!known.includes(modelId)) {
      throw namedError(`ModelNotFoundError: Cannot find model record in appConfig for ${modelId}`);
    }
    const steps = this.options.progressSteps ?? 3;
    for (let i = 1; i <= steps; i++) {
      await this.pause(this.options.stepDelayMs ?? 0);
      if (this.terminated) return;
      this.send({
        kind: 'initProgressCallback',
        uuid: '',
        content: {
          progress: i / steps,
          timeElapsed: i,
          text: `Fetching param cache[${i}/${steps}]: stand-in`,
        },
      });
    }
    if (this.options.loadError) throw namedError(this.options.loadError);
    this.loaded = { modelId, chatOpts: content.chatOpts?.[0] };
  }

  private async complete(content: ChatContent): Promise<ChatCompletion> {
    const modelId = content.modelId[0] ?? '';
    // Like WebLLM's handler: reload when the page expects another model than the one loaded.
    if (this.loaded?.modelId !== modelId) {
      await this.load({
        modelId: content.modelId,
        ...(content.chatOpts ? { chatOpts: content.chatOpts } : {}),
      });
    }
    this.busy++;
    this.maxBusy = Math.max(this.maxBusy, this.busy);
    try {
      let interrupted = false;
      const stopped = new Promise<void>((resolve) => {
        this.interrupt = () => {
          interrupted = true;
          resolve();
        };
      });
      await Promise.race([this.pause(this.options.replyDelayMs ?? 0), stopped]);
      this.interrupt = null;
      const request = content.request;
      const reply = interrupted ? '' : await (this.options.reply ?? defaultReply)(request);
      if (typeof reply !== 'string') throw namedError(reply.throw);
      const promptChars = request.messages.reduce(
        (n, m) => n + (typeof m.content === 'string' ? m.content.length : 0),
        0,
      );
      const prompt = Math.ceil(promptChars / 4);
      const completion = Math.ceil(reply.length / 4);
      return {
        id: `chatcmpl-stand-in-${this.received.length}`,
        object: 'chat.completion',
        created: 0,
        model: modelId,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: reply },
            finish_reason: interrupted ? 'abort' : 'stop',
            logprobs: null,
          },
        ],
        usage: {
          prompt_tokens: prompt,
          completion_tokens: completion,
          total_tokens: prompt + completion,
          extra: {
            e2e_latency_s: 0,
            prefill_tokens_per_s: 0,
            decode_tokens_per_s: 0,
            time_to_first_token_s: 0,
            time_per_output_token_s: 0,
          },
        },
      } as ChatCompletion;
    } finally {
      this.busy--;
    }
  }

  private pause(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  private send(response: WorkerResponse): void {
    if (this.terminated) return;
    this.onmessage?.(new MessageEvent('message', { data: response }));
  }
}

function defaultReply(request: ChatCompletionRequestNonStreaming): string {
  const last = request.messages.at(-1);
  return JSON.stringify({ echo: typeof last?.content === 'string' ? last.content : '' });
}

/** An Error whose toString() is `text` ("Name: message"), like WebLLM's named errors. */
function namedError(text: string): Error {
  const match = /^([A-Za-z]*Error): ([\s\S]*)$/.exec(text);
  const error = new Error(match ? match[2] : text);
  if (match) error.name = match[1]!;
  return error;
}
