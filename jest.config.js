/** Unit, integration and e2e specs all live under test/; the suffix says what a spec touches. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  transform: {
    // Transpile only (type checking is `npm run typecheck`), which keeps the suite fast on
    // two cores; decorator metadata is still emitted.
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }],
    // content-disposition 3 (under @fastify/static, which serves Swagger UI) ships ES modules
    // only; jest's CommonJS runtime needs it transpiled.
    'node_modules/content-disposition/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, isolatedModules: true, module: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 30000,
};
