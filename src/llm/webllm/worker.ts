/**
 * The model worker: WebLLM's engine behind its own message handler, off the
 * main thread so the game loop never waits on the GPU. The page starts it
 * with `new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })`
 * (client.ts); it is its own chunk, loaded only when WebLLM is chosen.
 */
import { WebWorkerMLCEngineHandler } from '@mlc-ai/web-llm';

const handler = new WebWorkerMLCEngineHandler();

self.onmessage = (event: MessageEvent) => {
  handler.onmessage(event);
};
