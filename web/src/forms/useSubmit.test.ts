import { describe, expect, it } from 'vitest';
import { type SubmitState, submitter } from './useSubmit.js';

/** Runs the bookkeeping against a plain state, recording each step a form would show. */
function harness<Key>(options?: { leaves?: boolean }) {
  let state: SubmitState<Key> = { working: null, error: new Error('earlier') };
  const seen: SubmitState<Key>[] = [];
  const run = submitter<Key>((next) => {
    state = next(state);
    seen.push(state);
  }, options);
  return { run, seen, state: () => state };
}

describe('submitter', () => {
  it('is busy while the request runs and idle again when it went through', async () => {
    const form = harness<true>();
    let during: SubmitState<true> | null = null;
    const ok = await form.run(async () => {
      during = form.state();
    }, true);
    expect(ok).toBe(true);
    expect(during).toEqual({ working: true, error: null });
    expect(form.state()).toEqual({ working: null, error: null });
  });

  it('keeps the failure to show and frees the button', async () => {
    const form = harness<true>();
    const failure = new Error('login taken');
    expect(await form.run(() => Promise.reject(failure), true)).toBe(false);
    expect(form.state()).toEqual({ working: null, error: failure });
  });

  it('stays busy after success when the form is left, but not after a failure', async () => {
    const form = harness<true>({ leaves: true });
    await form.run(async () => {}, true);
    expect(form.state()).toEqual({ working: true, error: null });
    await form.run(() => Promise.reject(new Error('no')), true);
    expect(form.state().working).toBeNull();
  });

  it('names the row whose request runs', async () => {
    const form = harness<number>();
    await form.run(async () => expect(form.state().working).toBe(7), 7);
    expect(form.seen.map((state) => state.working)).toEqual([7, null]);
  });
});
