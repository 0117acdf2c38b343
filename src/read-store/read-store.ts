// Transitional: the read-store port now lives in src/ports/read-store.ts. Kept only so files
// being rewritten on other branches (escalation.service.ts, reactors/reactor.ts) still build;
// delete once they import the port from src/ports.
export * from '../ports/read-store';
