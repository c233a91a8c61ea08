/**
 * Code that runs inside the benchmark pages, as plain JavaScript text (tsx
 * would rewrite functions passed to `page.evaluate`, so they are sent as
 * strings). Installed with `addInitScript` before the page's own scripts:
 *
 * - `__bench.onScreenAt`: ms after navigation start of the first frame after
 *   React Flow nodes exist and all are measured and visible (React Flow keeps
 *   a node hidden until it knows its size); `__bench.nodesOnScreen` their count.
 * - `__bench.viewport()`: the canvas viewport `{ x, y, zoom }` now, read from
 *   React Flow's viewport transform, and the canvas size `{ width, height }`
 *   (so the bare page can open on the same view at the same size).
 * - `__bench.sample(ms, onFrame?)`: frame times by requestAnimationFrame for
 *   `ms`, calling `onFrame(elapsed, dt)` in each frame; resolves to the
 *   intervals between frames (the first two dropped).
 * - `__bench.panZoom(ms)`: the scripted pan and zoom, driven from the frames
 *   themselves (one input per frame, amounts proportional to elapsed time, so
 *   both pages travel the same path whatever their frame rate): in each
 *   2.5 s period a 1 s circular drag, 0.5 s zooming in 2×, a 0.5 s straight
 *   drag of 600 px, 0.5 s zooming out 2×. Drags use the middle button and
 *   zooms Ctrl+wheel, which React Flow treats as pan and zoom whatever the
 *   editor's left-drag and wheel settings; events go to the element d3-zoom
 *   is attached to, so no node is ever dragged.
 */
export const PAGE_PROBE = String.raw`
(() => {
  const bench = (window.__bench = { onScreenAt: null, nodesOnScreen: 0 });
  const watch = () => {
    const nodes = document.querySelectorAll('.react-flow__node');
    let ready = nodes.length > 0;
    for (let i = 0; ready && i < nodes.length; i++) if (nodes[i].style.visibility === 'hidden') ready = false;
    if (ready) {
      requestAnimationFrame(() => {
        bench.onScreenAt = performance.now();
        bench.nodesOnScreen = document.querySelectorAll('.react-flow__node').length;
      });
      return;
    }
    requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);

  bench.viewport = () => {
    const el = document.querySelector('.react-flow__viewport');
    const match = el && /translate\(\s*([-\d.e]+)px,\s*([-\d.e]+)px\)\s*scale\(\s*([-\d.e]+)\s*\)/.exec(el.style.transform);
    const box = document.querySelector('.react-flow').getBoundingClientRect();
    return match ? { x: Number(match[1]), y: Number(match[2]), zoom: Number(match[3]), width: Math.round(box.width), height: Math.round(box.height) } : null;
  };

  bench.sample = (ms, onFrame) =>
    new Promise((resolve, reject) => {
      const stamps = [];
      let start = null;
      const frame = (now) => {
        if (start === null) start = now;
        const elapsed = now - start;
        stamps.push(now);
        try {
          if (onFrame) onFrame(elapsed, stamps.length > 1 ? now - stamps[stamps.length - 2] : 0);
        } catch (error) {
          reject(error);
          return;
        }
        if (elapsed < ms) requestAnimationFrame(frame);
        else resolve(stamps.slice(1).map((t, i) => t - stamps[i]).slice(2));
      };
      requestAnimationFrame(frame);
    });

  bench.panZoom = (ms) => {
    const pane = [...document.querySelectorAll('.react-flow, .react-flow *')].find((el) => el.__zoom);
    if (!pane) return Promise.reject(new Error('no React Flow zoom pane on the page'));
    const box = pane.getBoundingClientRect();
    const cx = box.left + box.width / 2;
    const cy = box.top + box.height / 2;
    const fire = (target, type, x, y, extra) => {
      const Kind = type === 'wheel' ? WheelEvent : MouseEvent;
      target.dispatchEvent(
        new Kind(type, { bubbles: true, cancelable: true, view: window, clientX: x, clientY: y, button: 1, buttons: type === 'mouseup' ? 0 : 4, ...extra }),
      );
    };
    let drag = null;
    const release = () => {
      if (drag) fire(window, 'mouseup', drag.x, drag.y);
      drag = null;
    };
    const dragTo = (x, y) => {
      if (!drag) {
        fire(pane, 'mousedown', cx, cy);
        drag = { x: cx, y: cy };
      }
      fire(window, 'mousemove', x, y);
      drag = { x, y };
    };
    const PERIOD = 2500;
    let segment = null;
    return bench
      .sample(ms, (elapsed, dt) => {
        const t = elapsed % PERIOD;
        const now = t < 1000 ? 'circle' : t < 1500 ? 'zoom-in' : t < 2000 ? 'line' : 'zoom-out';
        if (now !== segment) {
          release();
          segment = now;
        }
        if (now === 'circle') {
          const angle = (2 * Math.PI * t) / 1000;
          dragTo(cx + 150 * (Math.cos(angle) - 1), cy + 150 * Math.sin(angle));
        } else if (now === 'line') {
          dragTo(cx - (600 * (t - 1500)) / 500, cy);
        } else if (dt > 0) {
          // React Flow: zoom *= 2 ** (-deltaY * 0.002 * 10) with Ctrl; 500 ms of this doubles or halves the zoom.
          fire(pane, 'wheel', cx, cy, { ctrlKey: true, deltaMode: 0, deltaY: ((now === 'zoom-in' ? -1 : 1) * dt) / 10 });
        }
      })
      .finally(release);
  };
})();
`;
