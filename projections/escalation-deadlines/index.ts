export * from './deadline-doc';
export * from './projection';
