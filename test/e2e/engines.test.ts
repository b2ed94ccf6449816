/**
 * The Engine settings in headless Chromium against the built game, with a
 * scripted OpenAI-compatible server on 127.0.0.1 (CORS on, as a server set
 * up for browsers is) that answers the LLM roles by the reply's schema name:
 * the judge ("verdicts" / "verdict"), the assistant ("candidates"), the
 * persona's planner ("day_plan", a day planned by the built-in planner) and
 * the connection test (no schema).
 *
 *   - choose the server, List models, Test connection, Apply with the judge
 *     only: steps complete with the model judging, the cost line counts calls;
 *   - with the assistant (and planner) too, Apply starts a new run with the
 *     LLM assistant;
 *   - a server that fails with 500 again and again pauses the run with a
 *     plain message; nothing is lost and Play goes on once it recovers;
 *   - the API key never reaches the URL, nor localStorage unless "remember"
 *     is ticked;
 *   - WebLLM: without WebGPU the panel says it cannot run here and offers the
 *     built-in engine or a server, and no WebLLM code is downloaded. No real
 *     model can be downloaded on this machine (no network, no GPU): the
 *     loading code itself is tested around a stand-in worker in
 *     test/unit/llm-webllm-protocol.test.ts.
 *
 * Screenshots of the dialog (both tabs) and of the cost line go to the temp folder.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { CHROMIUM_PATH, launchChromium } from './chromium';
import { captureErrors, gameState, openGame } from './page';
import { planDay } from '../../src/agents/user/planner';
import { loadAllPersonas } from '../../src/cli/personas-node';
import { Rng } from '../../src/core/rng';
import { formatHhmm } from '../../src/core/time';
import { TONES, TOPICS } from '../../src/core/vocab';
import type { DebugState } from '../../src/main';
import {
  startOpenAiTestServer,
  type OpenAiTestServer,
  type RecordedRequest,
  type Step,
} from '../support/openai-test-server';

/** Software WebGPU (SwiftShader): an adapter where this machine can give one. */
const SOFTWARE_WEBGPU_ARGS = [
  '--headless',
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-angle=swiftshader',
  '--use-webgpu-adapter=swiftshader',
];

const baseUrl = inject('baseUrl');
const RUN = '?persona=aisha-bello&assistant=propera&seed=1&speed=turbo';
const KEY = 'sk-test-DO-NOT-LEAK-4711';
const shot = (name: string): string => join(tmpdir(), `propersim-engine-${name}.png`);
/** These tests wait on model calls step by step: give them room on a busy machine. */
const SLOW = 150_000;

let browser: Browser;
let server: OpenAiTestServer;
/** What the scripted server does with chat requests right now. */
let mode: 'ok' | 'fail' = 'ok';

const personas = loadAllPersonas();

function schemaName(req: RecordedRequest): string | null {
  const format = req.body?.response_format as
    { type?: string; json_schema?: { name?: string } } | undefined;
  return format?.json_schema?.name ?? null;
}

function promptText(req: RecordedRequest): string {
  const messages = (req.body?.messages ?? []) as { content?: string }[];
  return messages.map((m) => m.content ?? '').join('\n');
}

const pass = { pass: 1, reason: 'scripted: this suits me' };

/** A day plan in the shape the planner asks for: the built-in planner's day for that persona. */
function planReply(req: RecordedRequest): string {
  const name = /Name: (.+?) \(/.exec(promptText(req))?.[1];
  const persona = personas.find((p) => p.name === name) ?? personas[0]!;
  const day = Number(/Plan day (\d+)/.exec(promptText(req))?.[1] ?? 1);
  const actions = planDay(persona, Rng.fromSeed(`e2e:${persona.id}:${day}`)).map((a) => ({
    start: formatHhmm(a.start),
    end: a.end >= 24 * 60 ? '24:00' : formatHhmm(a.end),
    activity: a.kind,
    label: a.label,
    object: a.object,
  }));
  return JSON.stringify({ actions });
}

/** The router: answers each LLM role by the schema its request names. */
function route(req: RecordedRequest): Step {
  if (mode === 'fail') {
    return { status: 500, body: { error: { message: 'the model crashed (scripted failure)' } } };
  }
  const tokens = { prompt_tokens: 120, completion_tokens: 30 };
  switch (schemaName(req)) {
    case 'verdicts':
      return {
        reply: JSON.stringify({
          preference: pass,
          timing: pass,
          too_often: pass,
          too_rare: pass,
          communication: pass,
        }),
        usage: tokens,
      };
    case 'verdict':
      return { reply: JSON.stringify(pass), usage: tokens };
    case 'candidates':
      return {
        reply: JSON.stringify({
          candidates: [
            {
              decision: 'recommend',
              suggestion: 'Scripted: how about a glass of water?',
              topic: TOPICS[0],
              tone: TONES[0],
            },
            {
              decision: 'recommend',
              suggestion: 'Scripted: a short stretch would feel good now.',
              topic: TOPICS[1],
              tone: TONES[1],
            },
          ],
        }),
        usage: tokens,
      };
    case 'day_plan':
      return { reply: planReply(req), usage: { prompt_tokens: 2000, completion_tokens: 900 } };
    default:
      return { reply: 'OK', usage: { prompt_tokens: 20, completion_tokens: 1 } };
  }
}

beforeAll(async () => {
  browser = await launchChromium();
  server = await startOpenAiTestServer({
    cors: true,
    models: ['test-model', 'tiny-judge'],
    respond: route,
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Pages still open (a failed test): closed after each test so none keeps calling the server. */
const openPages = new Set<Page>();
afterEach(async () => {
  mode = 'ok';
  await Promise.all([...openPages].map((p) => p.close().catch(() => undefined)));
  openPages.clear();
});

interface OpenPage {
  page: Page;
  errors: string[];
  scripts: string[];
}

async function open(query = RUN, b: Browser = browser): Promise<OpenPage> {
  const page = await b.newPage({ viewport: { width: 1366, height: 860 } });
  openPages.add(page);
  const errors = captureErrors(page);
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script' || r.url().endsWith('.js')) scripts.push(r.url());
  });
  await openGame(page, `${baseUrl}${query}`, { timeoutMs: 60_000 });
  return { page, errors, scripts };
}

const state = gameState;

/** Open the dialog on the server tab and fill in the test server. */
async function chooseServer(page: Page, model = 'test-model'): Promise<void> {
  await page.getByTestId('engine-open').click();
  await page.getByTestId('engine-dialog').waitFor({ state: 'visible' });
  await page.getByTestId('engine-tab-openai').click();
  await page.getByTestId('engine-base-url').fill(server.baseUrl);
  await page.getByTestId('engine-base-url').dispatchEvent('change');
  await page.getByTestId('engine-model').fill(model);
}

/** Every value in localStorage and sessionStorage, and the page's URL. */
function storageText(page: Page): Promise<{ local: string; session: string; url: string }> {
  return page.evaluate(() => {
    const all = (s: Storage): string =>
      Array.from({ length: s.length }, (_, i) => {
        const k = s.key(i) ?? '';
        return `${k}=${s.getItem(k) ?? ''}`;
      }).join('\n');
    return { local: all(localStorage), session: all(sessionStorage), url: location.href };
  });
}

describe('engine settings with an OpenAI-compatible server', () => {
  it(
    'lists models, tests the connection and lets the model judge the run',
    async () => {
      const { page, errors } = await open();
      await page.getByTestId('engine-open').click();
      await page.getByTestId('engine-tab-openai').click();
      await page.getByTestId('engine-base-url').fill(server.baseUrl);
      await page.getByTestId('engine-base-url').dispatchEvent('change');

      // List models fills the picker (and the empty model field).
      await page.getByTestId('engine-list-models').click();
      await expect
        .poll(() => page.getByTestId('engine-models').locator('option').allTextContents())
        .toContain('tiny-judge');
      expect(await page.getByTestId('engine-model').inputValue()).toBe('test-model');
      await page.getByTestId('engine-models').selectOption('test-model');

      // Test connection: one tiny call, answered.
      await page.getByTestId('engine-test').click();
      await expect
        .poll(() => page.getByTestId('engine-test-result').textContent())
        .toMatch(/Connected: the model “test-model” answered “OK”/);

      // Judge only (the default roles): the current run goes on with the model judging.
      expect(await page.getByTestId('engine-role-judge').isChecked()).toBe(true);
      expect(await page.getByTestId('engine-role-assistant').isChecked()).toBe(false);
      expect(await page.getByTestId('engine-apply-note').textContent()).toMatch(
        /switches this run to the model/,
      );
      await page.screenshot({ path: shot('openai') });
      const before = await state(page);
      await page.getByTestId('engine-apply').click();
      await page.getByTestId('engine-dialog').waitFor({ state: 'hidden' });
      const applied = await state(page);
      expect(applied.personaId).toBe(before.personaId);
      expect(applied.assistantId).toBe('propera');
      expect(applied.engine.active?.roles).toEqual(['judge']);
      expect(applied.engine.cost.visible).toBe(true);

      const judgeCalls = (): number =>
        server.chatRequests.filter((r) => schemaName(r) === 'verdicts').length;
      const calls0 = judgeCalls();
      await page.getByTestId('play').click();
      await expect.poll(judgeCalls, { timeout: 45_000 }).toBeGreaterThan(calls0 + 6);
      await expect
        .poll(async () => (await state(page)).engine.cost.todayCalls, { timeout: 10_000 })
        .toBeGreaterThan(0);
      await page.getByTestId('play').click();
      await expect.poll(async () => (await state(page)).engine.busy).toBe(null);
      const s = await state(page);
      expect(s.playing).toBe(false);
      expect(s.error).toBe(null);
      // The scripted judge passes every criterion: every step it scored has 4 / 4.
      expect(await page.getByTestId('status-mean').textContent()).toBe('4.00 / 4');
      expect(s.engine.cost.lastStepCalls).not.toBe(null);
      expect(await page.getByTestId('cost-today').textContent()).toMatch(/\d+ calls? · /);
      expect(await page.getByTestId('cost-engine').textContent()).toContain('test-model');
      await page.locator('#status').screenshot({ path: shot('cost') });
      expect(errors).toEqual([]);
      await page.close();
    },
    SLOW,
  );

  it(
    'starts a new run when the model plays the assistant (and the planner)',
    async () => {
      const { page, errors } = await open();
      await chooseServer(page);
      await page.getByTestId('engine-role-assistant').check();
      await page.getByTestId('engine-role-persona').check();
      expect(await page.getByTestId('engine-apply-note').textContent()).toMatch(/starts a new run/);
      const plans0 = server.chatRequests.filter((r) => schemaName(r) === 'day_plan').length;
      await page.getByTestId('engine-apply').click();
      await page.getByTestId('engine-dialog').waitFor({ state: 'hidden' });
      const s = await state(page);
      expect(s.assistantId).toBe('llm');
      expect(s.engine.active?.roles).toEqual(['persona', 'judge', 'assistant']);
      // The first step plans day 1 with the model. (The last candidate is the one delivered.)
      await expect
        .poll(() => server.chatRequests.filter((r) => schemaName(r) === 'day_plan').length)
        .toBeGreaterThan(plans0);
      const asks = (): number =>
        server.chatRequests.filter((r) => schemaName(r) === 'candidates').length;
      const asks0 = asks();
      await page.getByTestId('play').click();
      await expect.poll(asks, { timeout: 45_000 }).toBeGreaterThan(asks0 + 3);
      await expect
        .poll(async () => (await state(page)).recsTotal, { timeout: 20_000 })
        .toBeGreaterThan(0);
      await page.getByTestId('play').click();
      const after = await state(page);
      expect(after.assistantId).toBe('llm');
      expect(after.error).toBe(null);
      expect(errors).toEqual([]);
      await page.close();
    },
    SLOW,
  );

  it(
    'pauses with a plain message when the server keeps failing, and loses nothing',
    async () => {
      const { page, errors } = await open();
      await chooseServer(page);
      await page.getByTestId('engine-apply').click();
      await page.getByTestId('engine-dialog').waitFor({ state: 'hidden' });
      await page.getByTestId('play').click();
      // Past the night, a few steps judged by the model.
      await expect
        .poll(async () => (await state(page)).engine.cost.totalCalls, { timeout: 45_000 })
        .toBeGreaterThan(4);
      const scored = (x: DebugState): number =>
        x.panels.timeline.rows.reduce((n, r) => n + r.scored, 0);
      const judged = await state(page);
      mode = 'fail';
      try {
        await expect
          .poll(async () => (await state(page)).error, { timeout: 45_000 })
          .toMatch(/paused/);
        const paused = await state(page);
        expect(paused.playing).toBe(false);
        expect(paused.engine.busy).toBe(null);
        expect(paused.error).toMatch(/the model server failed: .* failed \(500\)/);
        // The failing step was not recorded: no step was scored 0 because the server broke.
        expect(await page.getByTestId('status-mean').textContent()).toBe('4.00 / 4');
        expect(await page.getByTestId('cost-note').textContent()).toMatch(/nothing is lost/);
        await page.screenshot({ path: shot('paused') });
        // Nothing moves while paused, and the steps so far are all still there.
        await page.waitForTimeout(500);
        const still = await state(page);
        expect(still.day * 1000 + still.step).toBe(paused.day * 1000 + paused.step);
        expect(scored(still)).toBeGreaterThanOrEqual(scored(judged));
        expect(still.day * 1000 + still.step).toBeGreaterThanOrEqual(
          judged.day * 1000 + judged.step,
        );
        // The server recovers: Play goes on from the same step.
        mode = 'ok';
        await page.getByTestId('play').click();
        await expect
          .poll(async () => {
            const s = await state(page);
            return s.day * 1000 + s.step;
          })
          .toBeGreaterThan(paused.day * 1000 + paused.step);
        await page.getByTestId('play').click();
        const resumed = await state(page);
        expect(resumed.error).toBe(null);
        expect(resumed.personaId).toBe(paused.personaId);
        await expect.poll(async () => scored(await state(page))).toBeGreaterThan(scored(still));
      } finally {
        mode = 'ok';
      }
      expect(errors.filter((e) => !/500|Failed to load resource/.test(e))).toEqual([]);
      await page.close();
    },
    SLOW,
  );

  it(
    'keeps the API key out of the URL, and out of localStorage unless asked',
    async () => {
      const { page, errors } = await open();
      await chooseServer(page);
      await page.getByTestId('engine-api-key').fill(KEY);
      const sent = server.chatRequests.length;
      await page.getByTestId('engine-test').click();
      await expect
        .poll(() => page.getByTestId('engine-test-result').textContent())
        .toMatch(/Connected/);
      // The key went to the server, in the Authorization header only.
      const last = server.chatRequests
        .slice(sent)
        .find((r) => promptText(r).includes('Reply with the word OK'));
      expect(last?.headers.authorization).toBe(`Bearer ${KEY}`);
      expect(JSON.stringify(last?.body)).not.toContain(KEY);
      let kept = await storageText(page);
      expect(kept.url).not.toContain(KEY);
      expect(kept.local).not.toContain(KEY);
      expect(kept.session).toContain(KEY); // for this tab only

      // Apply: still nowhere but the tab's session.
      await page.getByTestId('engine-apply').click();
      await page.getByTestId('engine-dialog').waitFor({ state: 'hidden' });
      kept = await storageText(page);
      expect(kept.url).not.toContain(KEY);
      expect(kept.local).not.toContain(KEY);
      expect(await page.content()).not.toContain(KEY);

      // "Remember on this device" keeps it in localStorage; unticking removes it.
      await page.getByTestId('engine-open').click();
      await page.getByTestId('engine-remember').check();
      expect((await storageText(page)).local).toContain(KEY);
      await page.getByTestId('engine-remember').uncheck();
      kept = await storageText(page);
      expect(kept.local).not.toContain(KEY);
      expect(kept.url).not.toContain(KEY);
      await page.getByTestId('engine-close').click();
      expect(errors).toEqual([]);
      await page.close();
    },
    SLOW,
  );

  it(
    'preselects the server from a link, without a key',
    async () => {
      const query = `${RUN}&engine=openai&baseUrl=${encodeURIComponent(server.baseUrl)}&model=tiny-judge`;
      const { page, errors } = await open(query);
      await page.getByTestId('engine-dialog').waitFor({ state: 'visible' });
      expect(await page.getByTestId('engine-pane-openai').isVisible()).toBe(true);
      expect(await page.getByTestId('engine-base-url').inputValue()).toBe(server.baseUrl);
      expect(await page.getByTestId('engine-model').inputValue()).toBe('tiny-judge');
      expect(await page.getByTestId('engine-api-key').inputValue()).toBe('');
      // Nothing is applied by a link.
      expect((await state(page)).engine.active).toBe(null);
      await page.getByTestId('engine-close').click();
      expect(errors).toEqual([]);
      await page.close();
    },
    SLOW,
  );

  it(
    'explains a server that blocks the page (CORS) with the Ollama fix',
    async () => {
      const plain = await startOpenAiTestServer({ models: ['m'] }); // no CORS headers
      try {
        const { page } = await open();
        await page.getByTestId('engine-open').click();
        await page.getByTestId('engine-tab-openai').click();
        await page.getByTestId('engine-base-url').fill(plain.baseUrl);
        await page.getByTestId('engine-model').fill('m');
        await page.getByTestId('engine-test').click();
        await expect
          .poll(() => page.getByTestId('engine-test-result').textContent())
          .toMatch(/could not reach the server from this page/);
        const origin = new URL(baseUrl).origin;
        expect(await page.getByTestId('engine-fix-command').textContent()).toBe(
          `OLLAMA_ORIGINS=${origin} ollama serve`,
        );
        await page.close();
      } finally {
        await plain.close();
      }
    },
    SLOW,
  );
});

describe('WebLLM in the engine settings', () => {
  it(
    'says it cannot run without WebGPU, offers the fallbacks, and loads no WebLLM code',
    async () => {
      const { page, errors, scripts } = await open();
      const loadedBefore = scripts.length;
      await page.getByTestId('engine-open').click();
      await page.getByTestId('engine-tab-webllm').click();
      await expect
        .poll(() => page.getByTestId('webllm-verdict').textContent(), { timeout: 20_000 })
        .toMatch(/WebLLM cannot run here/);
      expect(await page.getByTestId('webllm-fallback').isVisible()).toBe(true);
      expect(await page.getByTestId('webllm-model').isVisible()).toBe(false);
      expect(await page.getByTestId('engine-apply').isDisabled()).toBe(true);
      const checks = await page.getByTestId('webllm-checks').textContent();
      expect(checks).toMatch(/Secure context/);
      expect(checks).toMatch(/Graphics adapter/);
      await page.screenshot({ path: shot('webllm') });
      // Nothing of WebLLM was fetched: not on load, not by opening the tab.
      expect(scripts.slice(loadedBefore)).toEqual([]);
      expect(scripts.some((u) => /client-|lib-|worker-/.test(u))).toBe(false);

      // The fallback to a server switches to its tab.
      await page.getByTestId('webllm-fallback-openai').click();
      expect(await page.getByTestId('engine-pane-openai').isVisible()).toBe(true);
      // And back, then to the built-in engine.
      await page.getByTestId('engine-tab-webllm').click();
      await page.getByTestId('webllm-fallback-builtin').click();
      expect(await page.getByTestId('engine-pane-builtin').isVisible()).toBe(true);
      expect(await page.getByTestId('engine-apply').isDisabled()).toBe(false);
      await page.getByTestId('engine-apply').click();
      await page.getByTestId('engine-dialog').waitFor({ state: 'hidden' });
      expect((await state(page)).engine.active).toBe(null);
      expect(errors).toEqual([]);
      await page.close();
    },
    SLOW,
  );

  it(
    'with a (software) WebGPU adapter, offers the small models and preselects one',
    async (ctx) => {
      const gpu = await chromium.launch({
        executablePath: CHROMIUM_PATH,
        args: SOFTWARE_WEBGPU_ARGS,
      });
      try {
        const { page, scripts } = await open(RUN, gpu);
        await page.getByTestId('engine-open').click();
        await page.getByTestId('engine-tab-webllm').click();
        await expect
          .poll(() => page.getByTestId('webllm-verdict').textContent(), { timeout: 30_000 })
          .toMatch(/WebLLM can(not)? run/);
        const verdict = (await page.getByTestId('webllm-verdict').textContent()) ?? '';
        if (/cannot/.test(verdict)) {
          ctx.skip(`no WebGPU adapter on this machine: ${verdict}`);
          return;
        }
        const options = await page.getByTestId('webllm-model').locator('option').allTextContents();
        expect(options.length).toBe(5);
        expect(options.join('\n')).toMatch(/GB GPU memory/);
        expect(await page.getByTestId('webllm-model').inputValue()).toBeTruthy();
        expect(await page.getByTestId('webllm-why').textContent()).toMatch(/MLC/);
        expect(await page.getByTestId('webllm-load').isVisible()).toBe(true);
        await page.screenshot({ path: shot('webllm-gpu') });
        // No model is loaded here (that would download it): the code stays unfetched too.
        expect(scripts.some((u) => /client-|lib-|worker-/.test(u))).toBe(false);
        await page.close();
      } finally {
        await gpu.close();
      }
    },
    SLOW,
  );
});
