import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuditModule } from './audit/audit.module';
import { AggregateCache } from './command-handling/aggregate-cache';
import { CLOCK, systemClock, type Clock } from './clock/clock';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { EscalationModule } from './escalation/escalation.module';
import { GroupsModule } from './groups/groups.module';
import { WORK_GROUPS, loadWorkGroups } from './groups/work-groups';
import { HealthModule } from './health/health.module';
import { IdentityModule } from './identity/identity.module';
import { IssuesModule } from './issues/issues.module';
import { LiveModule } from './live/live.module';
import { ProjectionsModule } from './projections-runner/projections.module';
import { ReviewsModule } from './reviews/reviews.module';
import { loadScoringFormula } from './scoring/load-scoring-formula';
import { SCORING_FORMULA } from './scoring/scoring-formula';
import { StorageModule, type Stores } from './storage.module';
import { SuspensionBookModule } from './suspensions/suspension-book.module';
import { SuspensionsModule } from './suspensions/suspensions.module';

/**
 * The whole engine, configured once from `AppConfig` (see `loadConfig`): the composition root
 * of the feature modules. The global modules start in the order listed and stop in reverse,
 * which the engine relies on: the stores open first and close last, the projections (whose
 * deadlines read model the reconciler reads) start before escalation and stop after it.
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, stores: Stores, clock: Clock = systemClock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        StorageModule.forStores(stores),
        IdentityModule,
        ProjectionsModule,
        SuspensionBookModule,
        EscalationModule.forRoot(config.escalation, config.calendar, config.projectionsThread),
        IssuesModule,
        AuditModule,
        GroupsModule,
        ReviewsModule,
        SuspensionsModule,
        HealthModule,
        LiveModule,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
        // Loaded here, before anything starts, so a bad roster stops the start with its entry named.
        { provide: WORK_GROUPS, useValue: loadWorkGroups(config.groupsFile) },
        // Checked at start like the policy: a bad formula stops the engine with its entry named.
        { provide: SCORING_FORMULA, useValue: loadScoringFormula(config.scoringFormula) },
        // One cache of aggregate state for every command path of this process (see handleCommand).
        { provide: AggregateCache, useValue: new AggregateCache(config.stateCacheStreams) },
      ],
      global: true,
      exports: [APP_CONFIG, CLOCK, WORK_GROUPS, SCORING_FORMULA, AggregateCache],
    };
  }
}
