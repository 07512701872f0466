// Loaded by mocha before the unit suites (package.json test:unit, --require). FUZZ_SEED=N gives
// every property test that seed: it replays a failure (fast-check prints the seed it used), and
// CI sets one so that whether a change lands is not decided by the random inputs of the day.
// Without it, every run explores new inputs.
import fc from 'fast-check';

const raw = process.env.FUZZ_SEED;
if (raw !== undefined && raw !== '') {
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED must be an integer, not "${raw}".`);
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
  console.log(`Property tests use FUZZ_SEED=${seed}.`);
}
