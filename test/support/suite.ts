import { suite as uvuSuite } from 'uvu';

/**
 * uvu 0.5 swallows an exception thrown by a `before` hook (its runner returns from `finally`):
 * the suite then reports "(0 / N)" in green and the run passes. This wrapper keeps the error and
 * fails every test of the suite with it instead.
 */
export function suite(name: string): ReturnType<typeof uvuSuite> {
  const s = uvuSuite(name);
  const original = s.before.bind(s);
  let failure: unknown;
  const before = ((fn: (ctx: unknown) => unknown) =>
    original(async (ctx: unknown) => {
      try {
        await fn(ctx);
      } catch (e) {
        failure = e;
      }
    })) as typeof s.before;
  before.each = s.before.each;
  s.before = before;
  s.before.each(() => {
    if (failure) throw failure;
  });
  return s;
}
