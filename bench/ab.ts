/**
 * What a change to the editor would buy, before making it:
 * `npx tsx bench/ab.ts [--steps N] [--seconds S] [--rounds R] VARIANT...`
 * builds the renderer once per variant with a source patch applied in
 * memory (nobody's file is touched), runs the editor benchmark's pan/zoom
 * script on each in turn, round after round, and prints the median frame
 * time of each. `asIs` is the editor as it is. A patch whose text is no
 * longer in the source stops the run with a message: update it here.
 */
import os from 'node:os';
import type { PluginOption } from 'vite';
import { findChromium } from '../scripts/chromium';
import { editorRunOf, startBrowserRig } from './browser';
import { createBenchData, FULL_SIZES, removeBenchData } from './data';
import { medianOf, p95Of } from './harness';

type Patch = { file: string; from: string | RegExp; to: string };

const noBackground: Patch = { file: 'renderer/editor/Canvas.tsx', from: /<Background [^>]*\/>/, to: '' };
const noMiniMap: Patch = { file: 'renderer/editor/Canvas.tsx', from: /<MiniMap [^>]*\/>/, to: '' };
const noWillChange: Patch = { file: 'renderer/editor/editor.css', from: '.editor-canvas .react-flow__node { will-change: transform; }', to: '' };
/** React Flow's EdgeLabelRenderer finds its portal target once per flow instead of on every store update. */
const cachedLabelLayer: Patch = {
  file: '@xyflow/react/dist/esm/index',
  from: "const selector$6 = (s) => s.domNode?.querySelector('.react-flow__edgelabel-renderer');",
  to: `const labelLayers$ = new WeakMap();
const selector$6 = (s) => {
  const dom = s.domNode;
  if (!dom) return undefined;
  let layer = labelLayers$.get(dom);
  if (!layer || !layer.isConnected) {
    layer = dom.querySelector('.react-flow__edgelabel-renderer');
    if (layer) labelLayers$.set(dom, layer);
  }
  return layer;
};`,
};

export const VARIANTS: Record<string, Patch[]> = {
  asIs: [],
  noBackground: [noBackground],
  noMiniMap: [noMiniMap],
  noBgNoMiniMap: [noBackground, noMiniMap],
  noWillChange: [noWillChange],
  cachedLabelLayer: [cachedLabelLayer],
};

/** A Vite plugin applying the patches to the raw sources (before JSX and CSS are transformed). */
function patchPlugin(patches: Patch[]): PluginOption {
  return {
    name: 'bench-ab-patch',
    enforce: 'pre',
    transform(code: string, id: string) {
      let out = code;
      for (const patch of patches.filter((p) => id.includes(p.file))) {
        const next = out.replace(patch.from, patch.to);
        if (next === out) throw new Error(`the patch for ${patch.file} no longer applies (${String(patch.from).slice(0, 80)})`);
        out = next;
      }
      return out === code ? null : out;
    },
  };
}

const args = process.argv.slice(2);
const option = (flag: string, fallback: number) => (args.includes(flag) ? Number(args[args.indexOf(flag) + 1]) : fallback);
const names = args.filter((arg, i) => !arg.startsWith('--') && !args[i - 1]?.startsWith('--'));
const unknown = names.filter((name) => !(name in VARIANTS));
if (names.length === 0 || unknown.length > 0) {
  console.error(`usage: npx tsx bench/ab.ts [--steps N] [--seconds S] [--rounds R] VARIANT...; variants: ${Object.keys(VARIANTS).join(', ')}`);
  process.exit(2);
}
const executablePath = findChromium();
if (!executablePath) throw new Error('no Chromium found');
const steps = option('--steps', FULL_SIZES.editor.steps);
const seconds = option('--seconds', 5);
const data = await createBenchData(
  { ...FULL_SIZES, big: { steps: 10, edges: 10 }, editor: { steps, edges: Math.round(steps * 1.5) }, runEvents: 10, schedule: [] },
  () => {},
);
const results = new Map<string, { medians: number[]; p95s: number[] }>();
try {
  for (let round = 0; round < option('--rounds', 3); round++)
    for (const name of names) {
      const rig = await startBrowserRig(data, executablePath, () => {}, [patchPlugin(VARIANTS[name])]);
      try {
        const run = await editorRunOf(rig.browser, rig.editorUrl, seconds * 1000);
        const entry = results.get(name) ?? { medians: [], p95s: [] };
        entry.medians.push(medianOf(run.frames));
        entry.p95s.push(p95Of(run.frames));
        results.set(name, entry);
        console.log(
          `${name.padEnd(18)} median ${medianOf(run.frames).toFixed(1)} ms, p95 ${p95Of(run.frames).toFixed(1)} ms (${run.frames.length} frames, ${run.nodes} nodes, load ${os.loadavg()[0].toFixed(1)})`,
        );
      } finally {
        await rig.close();
      }
    }
} finally {
  removeBenchData(data);
}
console.log('\nMedians over the rounds:');
for (const [name, entry] of results) console.log(`${name.padEnd(18)} median ${medianOf(entry.medians).toFixed(1)} ms, p95 ${medianOf(entry.p95s).toFixed(1)} ms`);
