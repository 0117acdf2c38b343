import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';

/** Liveness, readiness and what each part of the engine reports about itself. */
@Module({ controllers: [HealthController] })
export class HealthModule {}
