import { describe, expect, it } from 'vitest';
import { collectIfGrown, runSteps, runStepsPaused, steppedStore } from '../../lib/steps';

/** A build of `steps` steps that counts how often it was started. */
function counting(steps: number) {
  const started: object[] = [];
  const build = function* (key: object): Generator<void, string> {
    started.push(key);
    for (let i = 0; i < steps; i++) yield;
    return `built ${started.length}`;
  };
  return { started, build };
}

describe('indexes built in steps (lib/steps.ts)', () => {
  it('gives the same value built at once or with pauses, pausing between steps', async () => {
    const { build } = counting(3);
    let pauses = 0;
    expect(runSteps(build({}))).toBe('built 1');
    expect(await runStepsPaused(build({}), async () => void pauses++)).toBe('built 2');
    expect(pauses).toBe(3);
  });

  it('builds once per key: a request during warming finishes that build instead of starting another', async () => {
    const { started, build } = counting(5);
    const store = steppedStore(`trellis.test-steps-${Math.random()}`, build);
    const key = {};
    let release: () => void = () => {};
    const warming = store.warm(key, () => new Promise<void>((done) => (release = done)));
    const now = store.get(key);
    release();
    expect(await warming).toBe(now);
    expect(store.get(key)).toBe(now);
    expect(await store.warm(key)).toBe(now);
    expect(started).toEqual([key]);
    expect(store.get({})).not.toBe(now);
  });

  it('forgets a build that failed: the next request builds again instead of waiting on it for ever', async () => {
    let attempts = 0;
    const store = steppedStore(`trellis.test-steps-${Math.random()}`, function* (): Generator<void, string> {
      attempts++;
      yield;
      if (attempts === 1) throw new Error('the store was locked');
      return `built on attempt ${attempts}`;
    });
    const key = {};
    await expect(store.warm(key)).rejects.toThrow('the store was locked');
    expect(store.peek(key)).toBeUndefined();
    expect(await store.warm(key)).toBe('built on attempt 2');
    expect(store.get(key)).toBe('built on attempt 2');
  });
});


describe('garbage collected between steps (lib/steps.ts collectIfGrown)', () => {
  it('collects once the heap has grown by the slack since the last collection, and never without gc', () => {
    let runs = 0;
    const gc = () => void runs++;
    expect(collectIfGrown(0, gc)).toBe(true);
    expect(runs).toBe(1);
    // The heap has not grown by a terabyte since.
    expect(collectIfGrown(2 ** 40, gc)).toBe(false);
    expect(runs).toBe(1);
    // Without --expose-gc there is nothing to call.
    expect(collectIfGrown(0, undefined)).toBe(false);
  });
});
