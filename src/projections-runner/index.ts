export type { Projection } from '../ports/projection';
export { Projector, type ProjectorOptions } from './projector';
export { rebuildProjections } from './rebuild';
