/**
 * Where a page's frame time goes:
 * `npx tsx bench/trace.ts editor|bare|replay [seconds] [--steps N] [--events N]`
 * runs the same scripted pan/zoom (or scrubber drag) as the benchmark with a
 * Chromium trace and a JavaScript CPU profile, and prints the time per frame
 * by kind of work (script, style, layout, paint, raster, GC) on each thread
 * and the JavaScript functions that took longest. A tool for finding the
 * cause of a missed goal, not part of `npm run bench`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { findChromium } from '../scripts/chromium';
import { dragScrubber, newPage, openReplay, startBrowserRig, STEP_MS, waitUntil } from './browser';
import { within } from './harness';
import { createBenchData, FULL_SIZES, removeBenchData } from './data';

type TraceEvent = { name: string; ph: string; ts: number; dur?: number; tid: number; pid: number; args?: { name?: string } };
type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };

const args = process.argv.slice(2);
const option = (flag: string, fallback: number) => (args.includes(flag) ? Number(args[args.indexOf(flag) + 1]) : fallback);
const positional = args.filter((arg, i) => !arg.startsWith('--') && !args[i - 1]?.startsWith('--'));
const target = positional[0] ?? 'editor';
const seconds = Number(positional[1] ?? 5);
if (!['editor', 'bare', 'replay'].includes(target)) {
  console.error('usage: npx tsx bench/trace.ts editor|bare|replay [seconds]');
  process.exit(2);
}
const executablePath = findChromium();
if (!executablePath) throw new Error('no Chromium found');

/** Self time (ms) by event name and thread, from complete ('X') events nested by time. */
function selfTimesOf(events: TraceEvent[], threadNames: Map<string, string>) {
  const byThread = new Map<string, TraceEvent[]>();
  for (const event of events) {
    if (event.ph !== 'X' || event.dur === undefined) continue;
    const key = `${event.pid}:${event.tid}`;
    if (!byThread.has(key)) byThread.set(key, []);
    byThread.get(key)!.push(event);
  }
  const totals = new Map<string, number>();
  for (const [key, list] of byThread) {
    const thread = threadNames.get(key) ?? key;
    list.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    const stack: { end: number; name: string; self: number }[] = [];
    const close = (entry: { name: string; self: number }) => {
      const name = `${thread} ${entry.name}`;
      totals.set(name, (totals.get(name) ?? 0) + entry.self / 1000);
    };
    for (const event of list) {
      while (stack.length > 0 && stack[stack.length - 1].end <= event.ts) close(stack.pop()!);
      if (stack.length > 0) stack[stack.length - 1].self -= event.dur!;
      stack.push({ end: event.ts + event.dur!, name: event.name, self: event.dur! });
    }
    while (stack.length > 0) close(stack.pop()!);
  }
  return totals;
}

const steps = option('--steps', FULL_SIZES.editor.steps);
const sizes = {
  ...FULL_SIZES,
  big: { steps: 10, edges: 10 },
  editor: { steps, edges: Math.round(steps * 1.5) },
  runEvents: option('--events', target === 'replay' ? FULL_SIZES.runEvents : 10),
  schedule: [],
};
const data = await createBenchData(sizes, (line) => console.error(`· ${line}`));
const rig = await startBrowserRig(data, executablePath, (line) => console.error(`· ${line}`));
try {
  const url = target === 'editor' ? rig.editorUrl : target === 'bare' ? rig.bareUrl : rig.replayUrl;
  const { page, close } = await newPage(rig.browser);
  let scrubber = '';
  if (target === 'replay') {
    const opened = await openReplay(page, url, 60_000);
    if ('missing' in opened) throw new Error(opened.missing);
    scrubber = opened.selector;
  } else {
    await within(`${target}: loading the page`, STEP_MS.load, page.goto(url));
    await waitUntil(page, 'window.__bench.onScreenAt !== null', STEP_MS.load);
    await within(`${target}: settling`, STEP_MS.action, page.waitForTimeout(500));
  }
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await rig.browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink.user_timing', '__metadata'] });
  await cdp.send('Profiler.start');
  const frames =
    target === 'replay'
      ? await dragScrubber(page, scrubber, seconds * 1000)
      : ((await within(`${target}: pan/zoom`, seconds * 1000 + STEP_MS.scriptSlack, page.evaluate(`window.__bench.panZoom(${seconds * 1000})`))) as number[]);
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
  const trace = JSON.parse((await rig.browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
  await close();

  const sorted = [...frames].sort((a, b) => a - b);
  console.log(`\n${target}: ${frames.length} frames in ${seconds} s, median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms, p95 ${sorted[Math.floor(sorted.length * 0.95)].toFixed(1)} ms`);
  const threadNames = new Map<string, string>();
  for (const event of trace.traceEvents)
    if (event.ph === 'M' && event.name === 'thread_name' && event.args?.name) threadNames.set(`${event.pid}:${event.tid}`, event.args.name);
  const totals = selfTimesOf(trace.traceEvents, threadNames);
  console.log('\nSelf time per frame by thread and trace event (top 25):');
  for (const [name, ms] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`${(ms / frames.length).toFixed(2).padStart(8)} ms  ${name}`);

  const self = new Map<string, number>();
  const delta = new Map<number, number>();
  profile.samples.forEach((id, i) => delta.set(id, (delta.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  for (const node of profile.nodes) {
    const { functionName, url: file, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${path.basename(file)}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (delta.get(node.id) ?? 0) / 1000);
  }
  console.log('\nJavaScript self time per frame (top 25):');
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`${(ms / frames.length).toFixed(2).padStart(8)} ms  ${name}`);
  // Who calls the three costliest functions (minified names need the source map; the call chain usually tells).
  const parentOf = new Map<number, ProfileNode>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node);
  const labelOf = (node: ProfileNode) => `${node.callFrame.functionName || '(anonymous)'} ${path.basename(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;
  const top = [...self].filter(([name]) => !name.startsWith('(')).sort((a, b) => b[1] - a[1]).slice(0, 3);
  for (const [name] of top) {
    const chains = new Map<string, number>();
    for (const node of profile.nodes) {
      if (labelOf(node) !== name) continue;
      const chain: string[] = [];
      for (let up = parentOf.get(node.id); up && chain.length < 4; up = parentOf.get(up.id)) chain.push(labelOf(up));
      const key = chain.join(' ← ');
      chains.set(key, (chains.get(key) ?? 0) + (delta.get(node.id) ?? 0) / 1000);
    }
    console.log(`\nCallers of ${name}:`);
    for (const [chain, ms] of [...chains].sort((a, b) => b[1] - a[1]).slice(0, 3)) console.log(`${(ms / frames.length).toFixed(2).padStart(8)} ms  ← ${chain}`);
  }
  const out = path.join('.tmp', `trace-${target}.json`);
  fs.writeFileSync(out, JSON.stringify(trace));
  console.log(`\nFull trace (open in chrome://tracing or Perfetto): ${out}`);
} finally {
  await rig.close();
  removeBenchData(data);
}
