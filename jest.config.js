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
  testTimeout: 30000,
};
