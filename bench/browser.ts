/**
 * Benchmarks 5 and 6, in headless Chromium through Playwright:
 *
 * 5. The editor: open the 2,000-step scenario in browser mode (the real back
 *    end and HTTP server), time until its nodes are on screen, then pan and
 *    zoom by script for 5 s sampling frame times. The same on a bare React
 *    Flow page with default nodes, the same graph and the same script.
 * 6. The replay screen: drag the scrubber across the long run for 5 s with
 *    the mouse, sampling frame times.
 *
 * Frame time is the interval between animation frames with Chromium's frame
 * rate limit off (`--disable-frame-rate-limit --disable-gpu-vsync`), so it is
 * the time the page needs to produce a frame rather than the 16.7 ms vsync
 * tick: at most 16.7 ms means the page keeps up with a 60 Hz display.
 * The renderer and the bare page are built with Vite's API into .tmp/bench/.
 * Every browser step runs `within` a time limit (harness.ts), so a page that
 * stops answering fails the benchmark with the step's name, never hangs it.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import react from '@vitejs/plugin-react';
import { build, type PluginOption } from 'vite';
import { startWebServer } from '../electron/web/server';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium';
import { openBenchBackend, type BenchData } from './data';
import { medianOf, notMeasured, p95Of, ratioOf, within, type BenchOptions, type BenchRecord } from './harness';
import { measurements } from './measurements';
import { PAGE_PROBE } from './pageScripts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const outRoot = path.join(root, '.tmp', 'bench');

export const FRAME_GOAL_MS = 1000 / 60;
const VIEWPORT = { width: 1440, height: 900 };
/** Time limits of the browser steps: one page action, loading a page, and the slack a timed script gets beyond its own length. */
export const STEP_MS = { action: 15_000, load: 60_000, launch: 60_000, build: 300_000, scriptSlack: 30_000 };
/** Where the replay screen's scrubber is found, most specific first. */
export const SCRUBBER_SELECTORS = ['[data-testid="replay-scrubber"]', '.replay input[type="range"]', 'input[type="range"]'];


async function buildPages(log: (line: string) => void, rendererPlugins: PluginOption[] = []) {
  const rendererDir = path.join(outRoot, 'renderer');
  const bareDir = path.join(outRoot, 'bare-flow');
  log('building the renderer and the bare React Flow page with Vite into .tmp/bench/');
  await within('building the renderer with Vite', STEP_MS.build, build({
    configFile: path.join(root, 'vite.config.ts'),
    root: path.join(root, 'renderer'),
    plugins: rendererPlugins,
    logLevel: 'error',
    build: { outDir: rendererDir, emptyOutDir: true },
  }));
  await within('building the bare React Flow page with Vite', STEP_MS.build, build({
    configFile: false,
    root: path.join(here, 'bare-flow'),
    base: './',
    plugins: [react()],
    logLevel: 'error',
    build: { outDir: bareDir, emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  }));
  return { rendererDir, bareDir };
}

/** A static server for the bare page, with the benchmark graph at /graph.json. */
function serveBarePage(dir: string, graphJson: string): Promise<{ url: string; close: () => Promise<void> }> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  const server = http.createServer((request, response) => {
    const urlPath = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (urlPath === '/graph.json') {
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(graphJson);
      return;
    }
    const file = path.join(dir, urlPath === '/' ? 'index.html' : path.normalize(urlPath));
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' }).end(fs.readFileSync(file));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((done) => server.close(() => done())) });
    }),
  );
}

/**
 * Polls a page expression until it is true. (Not `waitForFunction`: it
 * evaluates strings with `eval`, which the app's CSP rightly forbids.)
 */
export async function waitUntil(page: Page, expression: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  const step = `waiting for ${expression}`;
  while (!(await within(step, Math.max(1, deadline - Date.now()), page.evaluate(expression)))) {
    if (Date.now() > deadline) throw new Error(`${step} did not finish within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function newPage(browser: Browser): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await within('opening a browser page', STEP_MS.action, browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' }));
  await within('installing the page probe', STEP_MS.action, context.addInitScript(PAGE_PROBE));
  const page = await within('opening a browser page', STEP_MS.action, context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors, close: () => within('closing a browser page', STEP_MS.action, context.close()) };
}

type Viewport = { x: number; y: number; zoom: number; width: number; height: number };
type EditorRun = { onScreenMs: number; nodes: number; viewport: Viewport | null; frames: number[] };

/** Loads `url`, waits for the nodes, lets it settle, then runs the pan/zoom script; `label` names the page in a timeout. */
export async function editorRunOf(browser: Browser, url: string, panZoomMs: number, label = 'editor'): Promise<EditorRun> {
  const { page, errors, close } = await newPage(browser);
  try {
    await within(`${label}: loading the page`, STEP_MS.load, page.goto(url));
    await waitUntil(page, 'window.__bench.onScreenAt !== null', STEP_MS.load);
    const onScreenMs = (await within(`${label}: reading the time on screen`, STEP_MS.action, page.evaluate('window.__bench.onScreenAt'))) as number;
    const nodes = (await within(`${label}: counting the nodes`, STEP_MS.action, page.evaluate('window.__bench.nodesOnScreen'))) as number;
    await within(`${label}: settling`, STEP_MS.action, page.waitForTimeout(500));
    const viewport = (await within(`${label}: reading the viewport`, STEP_MS.action, page.evaluate('window.__bench.viewport()'))) as Viewport | null;
    const frames = (await within(`${label}: pan/zoom`, panZoomMs + STEP_MS.scriptSlack, page.evaluate(`window.__bench.panZoom(${panZoomMs})`))) as number[];
    if (errors.length > 0) throw new Error(`the page reported errors: ${errors.slice(0, 3).join('; ')}`);
    return { onScreenMs, nodes, viewport, frames };
  } finally {
    await close();
  }
}

/** Opens the replay at `url` and waits for its scrubber; its selector, or why there is none. */
export async function openReplay(page: Page, url: string, loadTimeoutMs: number): Promise<{ selector: string } | { missing: string }> {
  await within('replay: loading the page', STEP_MS.load, page.goto(url));
  const selector = await Promise.any(
    SCRUBBER_SELECTORS.map((candidate) => page.waitForSelector(candidate, { state: 'visible', timeout: loadTimeoutMs }).then(() => candidate)),
  ).catch(() => null);
  if (!selector) return { missing: `no scrubber (${SCRUBBER_SELECTORS[0]}) appeared on ${url.replace(/\?token=[^#]*/, '')}` };
  await within('replay: settling', STEP_MS.action, page.waitForTimeout(500));
  return { selector };
}

/** Drags the scrubber back and forth across its whole width with the mouse for `ms`, sampling frame times. */
export async function dragScrubber(page: Page, selector: string, ms: number): Promise<number[]> {
  const box = await within('replay: measuring the scrubber', STEP_MS.action, page.locator(selector).first().boundingBox());
  if (!box) throw new Error('the scrubber has no size');
  const y = box.y + box.height / 2;
  const xAt = (elapsed: number) => box.x + 2 + (box.width - 4) * (0.5 - 0.5 * Math.cos((2 * Math.PI * elapsed) / 2500));
  await within('replay: pressing the mouse on the scrubber', STEP_MS.action, async () => {
    await page.mouse.move(xAt(0), y);
    await page.mouse.down();
  });
  const sampling = within('replay: sampling frames while scrubbing', ms + STEP_MS.scriptSlack, page.evaluate(`window.__bench.sample(${ms})`) as Promise<number[]>);
  const start = Date.now();
  while (Date.now() - start < ms) await within('replay: dragging the scrubber', STEP_MS.action, page.mouse.move(xAt(Date.now() - start), y));
  await within('replay: releasing the mouse', STEP_MS.action, page.mouse.up());
  return sampling;
}

async function scrubRunOf(browser: Browser, url: string, ms: number, loadTimeoutMs: number): Promise<{ frames: number[]; selector: string } | { missing: string }> {
  const { page, errors, close } = await newPage(browser);
  try {
    const opened = await openReplay(page, url, loadTimeoutMs);
    if ('missing' in opened) return opened;
    const frames = await dragScrubber(page, opened.selector, ms);
    if (errors.length > 0) throw new Error(`the replay page reported errors: ${errors.slice(0, 3).join('; ')}`);
    return { frames, selector: opened.selector };
  } finally {
    await close();
  }
}

export type BrowserRig = {
  browser: Browser;
  /** The editor on the benchmark scenario, the bare React Flow page, and the replay of the long run. */
  editorUrl: string;
  bareUrl: string;
  replayUrl: string;
  close: () => Promise<void>;
};

/**
 * Builds the pages, starts the back end with its HTTP server on the data
 * folder, serves the bare page with the same graph, and launches Chromium
 * with the frame-rate limit off.
 */
export async function startBrowserRig(
  data: BenchData,
  executablePath: string,
  log: (line: string) => void,
  /** Extra Vite plugins for the renderer build: for trying a fix (say, in a dependency) before proposing it. */
  rendererPlugins: PluginOption[] = [],
): Promise<BrowserRig> {
  const { rendererDir, bareDir } = await buildPages(log, rendererPlugins);
  const graph = {
    nodes: data.editorBody.steps.map((step) => ({ id: step.id, position: step.position, data: { label: step.title } })),
    edges: data.editorBody.edges.map((edge) => ({ id: edge.id, source: edge.source, target: edge.target })),
  };
  const bare = await serveBarePage(bareDir, JSON.stringify(graph));
  const backend = openBenchBackend(data.dataDir);
  const web = await startWebServer({ backend, rendererDir, port: 0 });
  const browser = await within('launching Chromium', STEP_MS.launch, chromium.launch({ executablePath, args: [...CHROMIUM_ARGS, '--disable-frame-rate-limit', '--disable-gpu-vsync'] }));
  return {
    browser,
    editorUrl: `${web.url}#/scenario/${data.editorId}`,
    bareUrl: bare.url,
    replayUrl: `${web.url}#/replay/${data.runId}`,
    close: async () => {
      await within('closing Chromium', STEP_MS.action, browser.close());
      await web.close();
      backend.close();
      await bare.close();
    },
  };
}

export async function browserBenchmarks(data: BenchData, options: BenchOptions): Promise<BenchRecord[]> {
  const steps = data.editorBody.steps.length;
  const edges = data.editorBody.edges.length;
  const executablePath = findChromium();
  if (!executablePath) {
    const why = 'no Chromium found (install Debian’s chromium or set DRILLDESK_CHROMIUM)';
    return [measurements.editorOpen(steps), measurements.editorFrames(steps, edges), measurements.scrub(data.runEvents)].map((m) => notMeasured(m, why));
  }
  const rig = await startBrowserRig(data, executablePath, options.log);
  const { browser, editorUrl } = rig;
  try {
    const rounds = options.smoke ? 1 : 3;
    const ms = options.smoke ? 500 : 5_000;
    const ours: EditorRun[] = [];
    const base: EditorRun[] = [];
    // The bare page opens on the view the editor opened on, so both draw the same nodes.
    let bareUrl = rig.bareUrl;
    for (let round = 0; round < rounds; round++) {
      options.log(`editor: round ${round + 1} of ${rounds} (${ms / 1000} s of pan/zoom on each page)`);
      // Alternate which page goes first, so neither always runs on a warmer machine.
      if (round % 2 === 0) {
        ours.push(await editorRunOf(browser, editorUrl, ms, 'editor'));
        const view = ours[0].viewport;
        if (view) bareUrl = `${rig.bareUrl}?${new URLSearchParams(Object.entries(view).map(([key, value]): [string, string] => [key, String(value)]))}`;
        base.push(await editorRunOf(browser, bareUrl, ms, 'bare React Flow page'));
      } else {
        base.push(await editorRunOf(browser, bareUrl, ms, 'bare React Flow page'));
        ours.push(await editorRunOf(browser, editorUrl, ms, 'editor'));
      }
    }
    const viewNote = (run: EditorRun) =>
      run.viewport ? `${run.viewport.width}×${run.viewport.height} px canvas at zoom ${run.viewport.zoom.toFixed(2)}, ${run.nodes} nodes mounted` : `${run.nodes} nodes mounted`;
    const medianOfRuns = (runs: EditorRun[], stat: (frames: number[]) => number) => medianOf(runs.filter((run) => run.frames.length > 0).map((run) => stat(run.frames)));
    const openOurs = medianOf(ours.map((run) => run.onScreenMs));
    const openBase = medianOf(base.map((run) => run.onScreenMs));
    const frameOurs = medianOfRuns(ours, medianOf);
    const frameBase = medianOfRuns(base, medianOf);
    const frameRatio = ratioOf(frameOurs, frameBase);
    const frameCount = (runs: EditorRun[]) => runs.reduce((sum, run) => sum + run.frames.length, 0);
    const records: BenchRecord[] = [
      {
        ...measurements.editorOpen(steps),
        ours: openOurs,
        baseline: openBase,
        ratio: ratioOf(openOurs, openBase),
        met: true,
        note: `from navigation start to the first frame with every mounted node measured and visible; median of ${rounds} loads each; ours loads the scenario through the API (getScenario over HTTP), the bare page fetches the same graph as JSON; ours ${viewNote(ours[0])}, bare ${viewNote(base[0])}`,
      },
      // A machine too busy to draw a frame in the time given (the smoke run's half second) has no frame times: not measured, rather than NaN.
      frameCount(ours) === 0 || frameCount(base) === 0
        ? notMeasured(measurements.editorFrames(steps, edges), `no frames were drawn during ${ms / 1000} s of pan/zoom (${frameCount(ours)} ours, ${frameCount(base)} bare)`)
        : {
            ...measurements.editorFrames(steps, edges),
            ours: frameOurs,
            baseline: frameBase,
            ratio: frameRatio,
            met: frameOurs <= FRAME_GOAL_MS && frameRatio !== null && frameRatio >= 0.8,
            oursP95: medianOfRuns(ours, p95Of),
            baselineP95: medianOfRuns(base, p95Of),
            note: `medians over ${rounds} runs of ${ms / 1000} s each (${frameCount(ours)} frames ours, ${frameCount(base)} bare); frame rate limit off, so a frame's interval is the work it took; both pages open on the editor's initial view (${viewNote(ours[0])})`,
          },
    ];

    const scrubUrl = rig.replayUrl;
    const scrubs: number[][] = [];
    let missing: string | null = fs.existsSync(path.join(root, 'renderer', 'replay')) ? null : 'the replay screen (renderer/replay/) is not there yet';
    let selector = '';
    for (let round = 0; round < rounds && missing === null; round++) {
      options.log(`replay: scrubbing round ${round + 1} of ${rounds}`);
      const result = await scrubRunOf(browser, scrubUrl, ms, options.smoke ? 15_000 : 60_000);
      if ('missing' in result) missing = result.missing;
      else {
        scrubs.push(result.frames);
        selector = result.selector;
      }
    }
    if (missing === null && scrubs.every((frames) => frames.length === 0)) missing = `no frames were drawn during ${ms / 1000} s of scrubbing`;
    if (missing !== null) records.push(notMeasured(measurements.scrub(data.runEvents), missing));
    else {
      const scrubMedian = medianOf(scrubs.filter((frames) => frames.length > 0).map(medianOf));
      records.push({
        ...measurements.scrub(data.runEvents),
        ours: scrubMedian,
        baseline: null,
        ratio: null,
        met: scrubMedian <= FRAME_GOAL_MS,
        oursP95: medianOf(scrubs.filter((frames) => frames.length > 0).map(p95Of)),
        note: `mouse drag on ${selector} back and forth across its width, medians over ${rounds} runs of ${ms / 1000} s (${scrubs.reduce((n, f) => n + f.length, 0)} frames); frame rate limit off`,
      });
    }
    return records;
  } finally {
    await rig.close();
  }
}
