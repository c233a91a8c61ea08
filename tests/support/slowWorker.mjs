/**
 * A stand-in back-end worker for the worker host's budget test
 * (tests/unit/workerBackend.test.ts): it speaks the worker protocol and
 * answers each call `{ ms }` after holding its thread that long
 * (Atomics.wait), one call at a time in the order sent, as the real main
 * worker does with its synchronous SQLite calls.
 */
import { parentPort } from 'node:worker_threads';

const sleeper = new Int32Array(new SharedArrayBuffer(4));
parentPort.postMessage({ type: 'ready', databaseFile: 'none' });
parentPort.on('message', (message) => {
  if (message.type === 'close') return parentPort.postMessage({ type: 'closed' });
  Atomics.wait(sleeper, 0, 0, message.arg.ms);
  parentPort.postMessage({ type: 'result', id: message.id, envelope: { ok: true, value: { method: message.method, ms: message.arg.ms } } });
});
