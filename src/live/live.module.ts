import { Global, Module } from '@nestjs/common';
import { APPLIED_BATCHES } from '../ports/applied-batches';
import { LiveController } from './live.controller';
import { LiveFeed } from './live-feed';

/**
 * Live updates: the projector's applied batches (`APPLIED_BATCHES`, which the projections
 * runner takes when a module provides it) streamed to the page as Server-Sent Events. Global
 * so the runner finds the port without importing the feature.
 */
@Global()
@Module({
  controllers: [LiveController],
  providers: [LiveFeed, { provide: APPLIED_BATCHES, useExisting: LiveFeed }],
  exports: [APPLIED_BATCHES],
})
export class LiveModule {}
