export * from './suspension-doc';
export * from './projection';
