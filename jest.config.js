/** Unit, integration and e2e specs all live under test/; the suffix says what a spec touches. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  transform: {
    // Transpile only (type checking is `npm run typecheck`), which keeps the suite fast on
    // two cores; decorator metadata is still emitted.
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Generous: the heaviest specs (the demo load, the 2,400-request fuzz, engine processes killed
  // and taken over) take 10-30 s on an idle two-core machine and several times that when the
  // machine is shared. A hang still fails, two minutes later.
  testTimeout: 120_000,
};
