export type { Projection } from './projection';
export { Projector, type ProjectorOptions } from './projector';
export { rebuildProjections } from './rebuild';
