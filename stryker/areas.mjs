// The areas `npm run mutation` measures: for each, the source files Stryker mutates and the unit
// tests (TypeScript under test/unit, which mocha loads through stryker/register.cjs) that must notice.
// This table is the one place that names paths: when a folder moves, change it here.
//
// The property tests under test/unit/fuzz are left out on purpose: they check that hostile input
// never makes the code throw, take seconds each, and would be run against nearly every mutant.

// `skip` leaves out tests by (part of) their full title: tests that time the code, which the
// instrumentation slows many times over (Stryker's own timeout still catches a mutant that hangs).
//
/** @type {Record<string, { mutate: string[], tests: string[], skip?: string[] }>} */
export const AREAS = {
  // The judgement (which values are credentials) that issue 21 measured: 1,293 mutants, about
  // 50 minutes. All of src/detection is 3,446 mutants, 1,477 of them static (tables and regular
  // expressions built when a module loads, each needing a fresh process running every test):
  // over two hours on two cores.
  detection: {
    mutate: ['src/core/detection/rules.ts', 'src/core/detection/context.ts'],
    tests: ['test/unit/detection/'],
    skip: ['.twilio-credentials-ignore limits (a hostile repository cannot stall CI)', 'returns on pathological inputs'],
  },
  dotenv: {
    mutate: [
      'src/workspace/dotenv/parse.ts',
      'src/workspace/dotenv/edit.ts',
      'src/workspace/dotenv/format.ts',
      'src/workspace/dotenv/example.ts',
      'src/workspace/dotenv/gitignore.ts',
      'src/workspace/dotenv/templates.ts',
      'src/workspace/dotenv/committed.ts',
    ],
    // Not envFile.ts and its tests: file I/O, whose 1 MB files take minutes under instrumentation.
    tests: [
      'test/unit/dotenv/parse.test.ts',
      'test/unit/dotenv/edit.test.ts',
      'test/unit/dotenv/properties.test.ts',
      'test/unit/dotenv/example.test.ts',
      'test/unit/dotenv/gitignore.test.ts',
      'test/unit/dotenv/templates.test.ts',
    ],
    skip: ['on huge inputs, in linear time'],
  },
  validation: {
    mutate: ['src/core/validation/*.ts', '!src/core/validation/index.ts'],
    tests: ['test/unit/validation/'],
  },
  mixups: {
    mutate: ['src/features/mixups/rules.ts', 'src/features/mixups/age.ts'],
    tests: ['test/unit/mixups/'],
  },
  git: {
    mutate: ['src/workspace/git/history.ts'],
    tests: ['test/unit/git/history.test.ts'],
  },
  cli: {
    mutate: ['src/cli/args.ts', 'src/cli/baseline.ts'],
    tests: ['test/unit/cli/args.test.ts', 'test/unit/cli/baseline.test.ts'],
  },
  steps: {
    mutate: ['src/core/util/steps.ts', 'src/features/accounts/connectSteps.ts', 'src/features/keys/commands/keySteps.ts'],
    tests: ['test/unit/util/steps.test.ts', 'test/unit/accounts/connectSteps.test.ts', 'test/unit/keys/keySteps.test.ts'],
  },
};
