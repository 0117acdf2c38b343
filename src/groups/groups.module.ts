import { Module } from '@nestjs/common';
import { GroupsController } from './groups.controller';

/** The six work groups and their ranking (the roster itself is configuration, see `AppModule`). */
@Module({ controllers: [GroupsController] })
export class GroupsModule {}
