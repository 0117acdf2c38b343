import { generatedIssues } from './generated-issues';
import type { DemoScenario, DemoStep } from './demo-scenario';
import { defaultDemoPolicy, extensionsByTheRules } from './extensions-by-the-rules';
import { SEED_CASES } from './seed-cases';
import { loadSpring2023 } from './spring-2023/load-spring-2023';

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
export const demoScenarios = (): DemoScenario[] =>
  [...SEED_CASES, ...generatedIssues()].map((scenario) =>
    extensionsByTheRules(scenario, defaultDemoPolicy()),
  );

/**
 * Idempotency key of a scenario's n-th command (0 is the report). Derived only from the
 * scenario, so loading the demo again replays the same keys and appends nothing new.
 */
export const demoIdempotencyKey = (scenarioKey: string, n: number): string =>
  `demo-2023q1-${scenarioKey}-${String(n).padStart(2, '0')}`;

/** What loading a scenario created: its issue and its items by label. */
export interface LoadedScenario {
  issueId: string;
  items: Map<string, string>;
}

/**
 * Sends one issue's commands in order (the report first, unless the issue exists already),
 * each with its own Idempotency-Key, and throws on the first refusal with the server's answer.
 * Returns how many commands it sent.
 */
export async function runScenario(
  client: DemoClient,
  scenario: { key: string; report?: DemoScenario['report']; steps: DemoStep[] },
  keyOf: (scenarioKey: string, n: number) => string,
  loaded: LoadedScenario | null = null,
): Promise<{ loaded: LoadedScenario; commands: number }> {
  let n = 0;
  const send = async (path: string, body: unknown): Promise<unknown> => {
    const headers = { 'Idempotency-Key': keyOf(scenario.key, n++) };
    const answer = await client.post(path, body, headers);
    if (answer.status < 200 || answer.status > 299) {
      throw new Error(
        `demo ${scenario.key}: POST ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`,
      );
    }
    return answer.body;
  };
  const issueId =
    loaded?.issueId ?? required(await send('/issues', scenario.report), 'issueId', scenario.key);
  const items = new Map(loaded?.items ?? []);
  /** Each item's latest extension request, which an approval step grants. */
  const requests = new Map<string, string>();
  for (const step of scenario.steps) {
    const answer = await send(pathOf(issueId, step, items, scenario.key, requests), step.body);
    if (step.command === 'remediation') items.set(step.item, required(answer, 'remediationId', scenario.key));
    if (step.command === 'extension-request')
      requests.set(step.item, required(answer, 'requestId', scenario.key));
  }
  return { loaded: { issueId, items }, commands: n };
}

/**
 * Loads the Q1 2023 demo through the HTTP API, command by command in each issue's time
 * order, and throws on the first refusal (with the server's answer) rather than leaving a
 * half-told story. `commands` counts every POST, the issue reports included; `loaded` says
 * what each scenario created, for the chapters that continue its story.
 */
export async function loadDemo(
  client: DemoClient,
  log: (line: string) => void = () => undefined,
): Promise<{ issues: number; commands: number; loaded: Map<string, LoadedScenario> }> {
  let commands = 0;
  const scenarios = demoScenarios();
  const loaded = new Map<string, LoadedScenario>();
  for (const scenario of scenarios) {
    const result = await runScenario(client, scenario, demoIdempotencyKey);
    commands += result.commands;
    loaded.set(scenario.key, result.loaded);
    log(
      `${scenario.key}: ${scenario.report.title} → ${result.loaded.issueId} (${scenario.steps.length + 1} commands)`,
    );
  }
  return { issues: scenarios.length, commands, loaded };
}

/**
 * The whole demo: the first quarter, then March to June 2023 (the daily record, the
 * practices, the second quarter's issues and the Q2 review with its appeal), as the article
 * of 5 July 2023 tells it.
 */
export async function loadDemoStory(
  client: DemoClient,
  log: (line: string) => void = () => undefined,
): Promise<{ issues: number; commands: number }> {
  const q1 = await loadDemo(client, log);
  const spring = await loadSpring2023(client, q1.loaded, log);
  return { issues: q1.issues + spring.issues, commands: q1.commands + spring.commands };
}

function pathOf(
  issueId: string,
  step: DemoStep,
  items: Map<string, string>,
  key: string,
  requests: Map<string, string>,
): string {
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
    case 'extension-request':
      return `${item(step.item)}/extension-requests`;
    case 'extension-approval': {
      const request = requests.get(step.item);
      if (request === undefined)
        throw new Error(`demo ${key}: item '${step.item}' has no request to approve`);
      return `${item(step.item)}/extension-requests/${encodeURIComponent(request)}/approval`;
    }
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
