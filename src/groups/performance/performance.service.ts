import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { parsePeriod } from '../../../projections/group-performance/queries';
import { groupPerformance } from '../group-performance';
import { CLOCK, type Clock } from '../../clock/clock';
import { LOG_FOLDS, type LogFoldsPort } from '../../ports/log-folds';
import { READ_MODEL_PROGRESS, type ReadModelProgress } from '../../ports/read-model-progress';
import { READ_STORE, type ReadStore } from '../../ports/read-store';
import { scoreRows } from '../../scoring/score-rows';
import { SCORING_FORMULA, type ScoringFormula } from '../../scoring/scoring-formula';
import { WORK_GROUPS, type WorkGroup } from '../work-groups';
import { publishedFormula, type PerformanceAnswer, type PerformanceRow } from './performance-answer';

/** How far ahead of the server's clock an asOf may be (clock skew), like business times. */
const SKEW_MS = 5 * 60 * 1000;

/**
 * The ranking of GET /groups/performance: the figures of every group for a period, scored by
 * the published formula. Now, from the live projections; as of a past time, from the log
 * folded up to what had been recorded by then, through the very same projections and query,
 * so the answer is the one that was given at that time.
 */
@Injectable()
export class PerformanceService {
  private readonly names: Map<string, string>;

  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SCORING_FORMULA) private readonly formula: ScoringFormula,
    @Inject(WORK_GROUPS) groups: WorkGroup[],
    @Inject(LOG_FOLDS) private readonly folds: LogFoldsPort,
    @Inject(READ_MODEL_PROGRESS) private readonly projections: ReadModelProgress,
  ) {
    this.names = new Map(groups.map((g) => [g.district, g.name]));
  }

  /** The ranking now, from the live projections. */
  async now(periodText: string): Promise<PerformanceAnswer> {
    const { key } = parsePeriod(periodText);
    const at = this.clock.now();
    const position = this.projections.position();
    return this.answer(key, at, position, await groupPerformance(this.readStore, key, at));
  }

  /** The ranking as it stood at `asOf`, with what had been recorded by then. */
  async asOf(periodText: string, asOf: Date): Promise<PerformanceAnswer> {
    const { key } = parsePeriod(periodText);
    if (asOf.getTime() > this.clock.now().getTime() + SKEW_MS)
      throw new BadRequestException({
        message: `asOf ${asOf.toISOString()} is in the future; ask for a time that has passed (or leave it out for now)`,
        fields: [{ field: 'asOf', messages: ['is in the future'] }],
      });
    const fold = await this.folds.fold({ asOf });
    return this.answer(key, asOf, fold.position, await groupPerformance(fold.store, key, asOf));
  }

  /** The ranking at a log position (everything up to it), at `at`: what a review freezes. */
  async atPosition(periodText: string, position: number, at: Date): Promise<PerformanceAnswer> {
    const { key } = parsePeriod(periodText);
    const fold = await this.folds.fold({ position });
    return this.answer(key, at, fold.position, await groupPerformance(fold.store, key, at));
  }

  get currentFormula(): ScoringFormula {
    return this.formula;
  }

  private answer(
    period: string,
    at: Date,
    position: number,
    figures: Awaited<ReturnType<typeof groupPerformance>>,
  ): PerformanceAnswer {
    const rows: PerformanceRow[] = scoreRows(figures, this.formula).map((row) => ({
      ...row,
      group: this.names.get(row.district) ?? row.district,
    }));
    return { period, asOf: at.toISOString(), position, formula: publishedFormula(this.formula), rows };
  }
}
