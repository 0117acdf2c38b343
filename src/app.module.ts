import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuditController } from './audit/audit.controller';
import { AggregateCache } from './command-handling/aggregate-cache';
import { CLOCK, systemClock, type Clock } from './clock/clock';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { GroupsController } from './groups/groups.controller';
import { WORK_GROUPS, loadWorkGroups } from './groups/work-groups';
import { chineseWorkingCalendar } from './escalation/calendar/chinese-working-calendar';
import { EscalationOutlook } from './escalation/escalation-outlook';
import { EscalationService } from './escalation/escalation.service';
import { loadEscalationPolicy } from './escalation/policy/load-policy';
import { ESCALATION_POLICY, WORKING_CALENDAR } from './escalation/policy/escalation-policy';
import { HealthController } from './health/health.controller';
import { IssueCommandHandler } from './issues/commands/issue-command.handler';
import { IssueCommandSender } from './issues/http/command-sender';
import { IssueCommandsController } from './issues/http/issue-commands.controller';
import { IssueQueriesController } from './issues/http/issue-queries.controller';
import { allProjections, foldedProjections } from '../projections';
import { upcastIssueEvent } from './issues/domain/issue-upcasters';
import { READ_MODEL_PROGRESS } from './ports/read-model-progress';
import { PROJECTION_UPCASTER, PROJECTIONS } from './projections-runner/projection-tokens';
import { ProjectionsService } from './projections-runner/projections.service';
import { EVENT_STORE, type EventStore } from './event-store/event-store';
import { PerformanceService } from './groups/performance/performance.service';
import { RecordController } from './groups/record/record.controller';
import { ExportsController } from './exports/exports.controller';
import { ReviewCommandsController } from './reviews/http/review-commands.controller';
import { ReviewQueriesController } from './reviews/http/review-queries.controller';
import { LogFolds } from './projections-runner/log-folds';
import { loadScoringFormula } from './scoring/load-scoring-formula';
import { SCORING_FORMULA } from './scoring/scoring-formula';
import { StorageModule, type Stores } from './storage.module';

/** The whole engine, configured once from `AppConfig` (see `loadConfig`). */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, stores: Stores, clock: Clock = systemClock): DynamicModule {
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot(), StorageModule.forStores(stores)],
      controllers: [
        IssueCommandsController,
        IssueQueriesController,
        AuditController,
        GroupsController,
        RecordController,
        ReviewCommandsController,
        ReviewQueriesController,
        ExportsController,
        HealthController,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
        { provide: WORK_GROUPS, useValue: loadWorkGroups(config.groupsFile) },
        // Loaded here, before anything starts, so a bad policy file stops the start with its entry named.
        { provide: ESCALATION_POLICY, useValue: loadEscalationPolicy(config.escalation.policyFile) },
        { provide: WORKING_CALENDAR, useValue: chineseWorkingCalendar(config.calendar) },
        // Checked at start like the policy: a bad formula stops the engine with its entry named.
        { provide: SCORING_FORMULA, useValue: loadScoringFormula(config.scoringFormula) },
        {
          provide: LogFolds,
          useFactory: (store: EventStore) =>
            new LogFolds(store, foldedProjections, { upcast: upcastIssueEvent }),
          inject: [EVENT_STORE],
        },
        PerformanceService,
        { provide: AggregateCache, useValue: new AggregateCache(config.stateCacheStreams) },
        EscalationService,
        EscalationOutlook,
        IssueCommandHandler,
        IssueCommandSender,
        ProjectionsService,
        { provide: PROJECTIONS, useValue: allProjections },
        { provide: PROJECTION_UPCASTER, useValue: upcastIssueEvent },
        { provide: READ_MODEL_PROGRESS, useExisting: ProjectionsService },
      ],
      global: true,
      exports: [APP_CONFIG],
    };
  }
}
