import { generatedIssues } from './generated-issues';
import type { DemoScenario, DemoStep } from './demo-scenario';
import { SEED_CASES } from './seed-cases';

/**
 * The one thing the loader needs from the outside world: POST a JSON body. The caller wires
 * it to real HTTP (or to an in-memory fake in unit tests).
 */
export interface DemoClient {
  post(
    path: string,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: unknown }>;
}

/** Every demo scenario in load order: the article's cases first, then the generated ones. */
export const demoScenarios = (): DemoScenario[] => [...SEED_CASES, ...generatedIssues()];

/**
 * Idempotency key of a scenario's n-th command (0 is the report). Derived only from the
 * scenario, so loading the demo again replays the same keys and appends nothing new.
 */
export const demoIdempotencyKey = (scenarioKey: string, n: number): string =>
  `demo-2023q1-${scenarioKey}-${String(n).padStart(2, '0')}`;

/**
 * Loads the Q1 2023 demo through the HTTP API, command by command in each issue's time
 * order, and throws on the first refusal (with the server's answer) rather than leaving a
 * half-told story. `commands` counts every POST, the issue reports included.
 */
export async function loadDemo(
  client: DemoClient,
  log: (line: string) => void = () => undefined,
): Promise<{ issues: number; commands: number }> {
  let commands = 0;
  const scenarios = demoScenarios();
  for (const scenario of scenarios) {
    let n = 0;
    const send = async (path: string, body: unknown): Promise<unknown> => {
      const headers = { 'Idempotency-Key': demoIdempotencyKey(scenario.key, n++) };
      commands++;
      const answer = await client.post(path, body, headers);
      if (answer.status < 200 || answer.status > 299) {
        throw new Error(
          `demo ${scenario.key}: POST ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`,
        );
      }
      return answer.body;
    };
    const reported = await send('/issues', scenario.report);
    const issueId = required(reported, 'issueId', scenario.key);
    const items = new Map<string, string>();
    for (const step of scenario.steps) {
      const answer = await send(pathOf(issueId, step, items, scenario.key), step.body);
      if (step.command === 'remediation')
        items.set(step.item, required(answer, 'remediationId', scenario.key));
    }
    log(`${scenario.key}: ${scenario.report.title} → ${issueId} (${scenario.steps.length + 1} commands)`);
  }
  return { issues: scenarios.length, commands };
}

function pathOf(issueId: string, step: DemoStep, items: Map<string, string>, key: string): string {
  const issue = `/issues/${encodeURIComponent(issueId)}`;
  const item = (label: string): string => {
    const id = items.get(label);
    if (id === undefined) throw new Error(`demo ${key}: item '${label}' is used before it is assigned`);
    return `${issue}/remediations/${encodeURIComponent(id)}`;
  };
  switch (step.command) {
    case 'meeting':
      return `${issue}/meetings`;
    case 'remediation':
      return `${issue}/remediations`;
    case 'completion':
      return `${item(step.item)}/completion`;
    case 'verification':
      return `${item(step.item)}/verification`;
    case 'extension':
      return `${item(step.item)}/extension`;
    case 'escalation':
      return `${issue}/escalations`;
    case 'closure':
      return `${issue}/closure`;
    default: {
      const never: never = step;
      throw new Error(`unknown demo step ${JSON.stringify(never)}`);
    }
  }
}

function required(body: unknown, field: string, key: string): string {
  const value =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[field] : undefined;
  if (typeof value !== 'string' || value === '') {
    throw new Error(`demo ${key}: answer has no ${field}: ${JSON.stringify(body)}`);
  }
  return value;
}
