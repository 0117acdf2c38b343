export * from './event-store';
export * from './polling-subscription';
export * from './sqlite-event-store';
