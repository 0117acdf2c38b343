import { randomUUID } from 'node:crypto';
import {
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { RULES_ACTOR, RulesInForce } from './rules-in-force';

/**
 * SIGHUP reloads the policy and calendar files without a restart, as daemons do. A bad file is
 * logged with its entry named and the rules in force stay.
 */
@Injectable()
export class RulesReloadSignal implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('EscalationRules');
  private readonly onSignal = (): void => {
    // A signal handler can't wait; the reload reports its own outcome.
    void this.rules
      .reload('sighup', { actor: RULES_ACTOR, correlationId: `sighup-${randomUUID()}`, causationId: null })
      .then(
        (change) => {
          if (!change.policy.changed && !change.calendar.changed)
            this.logger.log('SIGHUP: the policy and calendar files are as in force; nothing recorded');
        },
        (error: Error) => this.logger.error(`SIGHUP: reload refused: ${error.message}`),
      );
  };

  constructor(private readonly rules: RulesInForce) {}

  onApplicationBootstrap(): void {
    process.on('SIGHUP', this.onSignal);
  }

  beforeApplicationShutdown(): void {
    process.off('SIGHUP', this.onSignal);
  }
}
