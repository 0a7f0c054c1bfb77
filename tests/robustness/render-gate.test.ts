import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { RenderGate, rendersAtOnce } from '../../server/render-gate.mjs';

/** A response that closes when told, as a socket does once the answer is sent or the client leaves. */
function response(): ServerResponse & { finish(): void } {
  const res = new EventEmitter() as unknown as ServerResponse & { finish(): void; destroyed: boolean };
  res.destroyed = false;
  res.finish = () => res.emit('close');
  return res;
}

describe('the render gate', () => {
  it('renders at most `limit` pages at once, the rest in the order they came', () => {
    const gate = new RenderGate(2);
    const started: number[] = [];
    const responses = [0, 1, 2, 3, 4].map((i) => {
      const res = response();
      gate.enter(res, () => started.push(i));
      return res;
    });
    expect(started).toEqual([0, 1]);
    expect(gate.load).toEqual({ running: 2, waiting: 3 });
    responses[1]?.finish();
    expect(started).toEqual([0, 1, 2]);
    responses[0]?.finish();
    responses[2]?.finish();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    // A response that closes twice gives its slot back once.
    responses[2]?.finish();
    expect(gate.load).toEqual({ running: 2, waiting: 0 });
  });

  it('drops a request whose client left while it waited, and starts the next one', () => {
    const gate = new RenderGate(1);
    const started: string[] = [];
    const first = response();
    gate.enter(first, () => started.push('first'));
    const gone = response();
    gate.enter(gone, () => started.push('gone'));
    gate.enter(response(), () => started.push('third'));
    (gone as { destroyed: boolean }).destroyed = true;
    first.finish();
    expect(started).toEqual(['first', 'third']);
  });

  it('reads its limit from TRELLIS_RENDERS_AT_ONCE, 2 unless a positive whole number is given', () => {
    expect(rendersAtOnce({})).toBe(2);
    expect(rendersAtOnce({ TRELLIS_RENDERS_AT_ONCE: '2' })).toBe(2);
    expect(rendersAtOnce({ TRELLIS_RENDERS_AT_ONCE: '0' })).toBe(2);
    expect(rendersAtOnce({ TRELLIS_RENDERS_AT_ONCE: 'many' })).toBe(2);
  });
});
