/**
 * Resolves after the event loop has had a turn (timers, I/O, abort signals, a browser's rendering), in Node and in
 * browsers alike: a `MessageChannel` message where there is one (no 4 ms clamp, unlike nested `setTimeout` in
 * browsers), else `setTimeout(0)`. The browser-safe stand-in for Node's `setImmediate`, for long synchronous
 * work (training loops, decoders) that must stay responsive and abortable.
 *
 * @example
 * ```ts
 * for (let b = 0; b < batches; b++) {
 *   step(b);
 *   if (b % 16 === 15) await yieldToEventLoop(); // let a pending abort or progress timer run
 * }
 * ```
 */
export function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === 'function') {
    return new Promise<void>((resolve) => {
      const { port1, port2 } = new MessageChannel();
      port1.onmessage = () => {
        // A port left open would keep a Node process alive after its work is done.
        port1.close();
        resolve();
      };
      port2.postMessage(null);
    });
  }
  return new Promise<void>((resolve) => setTimeout(resolve, 0));
}
