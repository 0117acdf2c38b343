// The issue feature's refusals are the shared kernel's (every aggregate refuses the same ways).
export * from '../../shared-kernel/domain-errors';
