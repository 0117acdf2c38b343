import { Module } from '@nestjs/common';
import { SuspensionsController } from './http/suspensions.controller';

/** The suspension routes (force majeure); the book they and escalation read is SuspensionBookModule's. */
@Module({ controllers: [SuspensionsController] })
export class SuspensionsModule {}
