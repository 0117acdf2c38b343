import { Global, Module } from '@nestjs/common';
import { allProjections, foldedProjections } from '../../projections';
import { EVENT_STORE, type EventStore } from '../event-store/event-store';
import { upcastIssueEvent } from '../issues/domain/issue-upcasters';
import { LOG_FOLDS } from '../ports/log-folds';
import { READ_MODEL_PROGRESS } from '../ports/read-model-progress';
import { LogFolds } from './log-folds';
import { PROJECTION_UPCASTER, PROJECTIONS } from './projection-tokens';
import { ProjectionsService } from './projections.service';

/**
 * The projections running in this process, read-your-writes for every query that reads them
 * (as the `READ_MODEL_PROGRESS` port), and folds of the log as of a past time. The runner is
 * generic: the projections and the upcaster are handed to it here.
 */
@Global()
@Module({
  providers: [
    { provide: PROJECTIONS, useValue: allProjections },
    { provide: PROJECTION_UPCASTER, useValue: upcastIssueEvent },
    ProjectionsService,
    { provide: READ_MODEL_PROGRESS, useExisting: ProjectionsService },
    {
      provide: LogFolds,
      useFactory: (store: EventStore) => new LogFolds(store, foldedProjections, { upcast: upcastIssueEvent }),
      inject: [EVENT_STORE],
    },
    { provide: LOG_FOLDS, useExisting: LogFolds },
  ],
  exports: [ProjectionsService, READ_MODEL_PROGRESS, LOG_FOLDS],
})
export class ProjectionsModule {}
