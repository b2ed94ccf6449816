/**
 * The WebGPU probe in headless Chromium, twice: with the GPU disabled (the
 * probe must say WebLLM cannot run, and why), and with the software WebGPU
 * adapter (SwiftShader) switched on (an adapter should be found; if this
 * machine cannot give one, that half is skipped with the probe's own reason).
 *
 * The probe is bundled on its own with Vite's build API (lib mode) into a
 * temp folder and served from 127.0.0.1, a secure context; the game's build
 * is not used. The reports are written to the temp folder and printed.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickDefaultModel } from '../../src/llm/webllm/models';
import type { WebGpuProbe } from '../../src/llm/webllm/probe';
import { CHROMIUM_PATH } from './chromium';

const COMMON = [
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const NO_GPU = ['--headless', ...COMMON, '--disable-gpu'];
const SOFTWARE_WEBGPU = [
  '--headless',
  ...COMMON,
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-angle=swiftshader',
  '--use-webgpu-adapter=swiftshader',
];

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>WebGPU probe</title></head>
<body><pre id="out">probing…</pre>
<script type="module">
  import { probeWebGpu } from './probe.js';
  probeWebGpu().then(
    (report) => { window.__probe = report; document.getElementById('out').textContent = report.messages.join('\\n'); },
    (error) => { window.__probe = { error: String(error) }; },
  );
</script></body></html>`;

let dir: string;
let server: Server;
let pageUrl: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'propersim-probe-'));
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir: join(dir, 'site'),
      emptyOutDir: true,
      minify: false,
      target: 'es2022',
      lib: {
        entry: resolve('src/llm/webllm/probe.ts'),
        formats: ['es'],
        fileName: () => 'probe.js',
      },
    },
  });
  await writeFile(join(dir, 'site', 'index.html'), PAGE);
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };
  server = createServer((req, res) => {
    const name = req.url === '/' ? 'index.html' : (req.url ?? '').replace(/^\/+/, '');
    if (!/^[\w.-]+$/.test(name)) {
      res.writeHead(404).end();
      return;
    }
    readFile(join(dir, 'site', name)).then(
      (body) =>
        res
          .writeHead(200, { 'Content-Type': types[extname(name)] ?? 'application/octet-stream' })
          .end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  pageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Launch Chromium with `args`, open the probe page, return the report. */
async function probeIn(args: string[], label: string): Promise<WebGpuProbe> {
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args });
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pageUrl);
    await page.waitForFunction(
      () => (window as { __probe?: unknown }).__probe !== undefined,
      undefined,
      {
        timeout: 30_000,
      },
    );
    const result = await page.evaluate(
      () => (window as unknown as { __probe: WebGpuProbe | { error: string } }).__probe,
    );
    expect(errors).toEqual([]);
    if ('error' in result) throw new Error(`the probe threw: ${result.error}`);
    const version = browser.version();
    const out = join(tmpdir(), `propersim-webgpu-probe-${label}.json`);
    await writeFile(out, JSON.stringify({ chromium: version, args, report: result }, null, 2));
    console.info(
      `[webgpu-probe] ${label} (Chromium ${version}):\n  ${result.messages.join('\n  ')}\n  → ${out}`,
    );
    return result;
  } finally {
    await browser?.close();
  }
}

describe('probeWebGpu in headless Chromium', () => {
  it('without a GPU: WebLLM cannot run, and the probe says why', async () => {
    const report = await probeIn(NO_GPU, 'no-gpu');
    expect(report.secureContext).toBe(true);
    expect(report.usable).toBe(false);
    expect(report.adapter).toBeNull();
    expect(['no-adapter', 'no-webgpu-api']).toContain(report.blocker);
    const text = report.messages.join(' ');
    expect(text).toMatch(/WebLLM cannot run here/);
    expect(text).toMatch(report.blocker === 'no-adapter' ? /no graphics adapter/ : /has no WebGPU/);
    expect(report.storage?.quotaBytes).toBeGreaterThan(0);
    expect(pickDefaultModel(report)).toBeNull();
  });

  it('with the software WebGPU adapter: an adapter is found', async (ctx) => {
    const report = await probeIn(SOFTWARE_WEBGPU, 'swiftshader');
    if (!report.adapter) {
      ctx.skip(
        `no WebGPU adapter on this machine even with SwiftShader flags: ${report.messages.join(' ')}`,
      );
      return;
    }
    expect(report.webgpuApi).toBe(true);
    expect(report.adapter.software).toBe(true);
    expect(report.maxStorageBufferBindingSize).toBeGreaterThan(0);
    expect(report.messages.join(' ')).toMatch(/Graphics adapter found/);
    expect(report.messages.join(' ')).toMatch(/software adapter/);
    if (report.usable) {
      const choice = pickDefaultModel(report);
      expect(choice).not.toBeNull();
      expect(choice!.quantisation).toBe(report.shaderF16 ? 'q4f16' : 'q4f32');
      console.info(
        `[webgpu-probe] default model here: ${choice!.modelId} ${JSON.stringify(choice!.chatOptions)}`,
      );
    }
  });
});
