import { Global, Module } from '@nestjs/common';
import { ProjectionsService } from './projections.service';

/** The projections running in this process, and read-your-writes for every query that reads them. */
@Global()
@Module({ providers: [ProjectionsService], exports: [ProjectionsService] })
export class ProjectionsModule {}
