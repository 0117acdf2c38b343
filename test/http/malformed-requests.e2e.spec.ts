import { seededRandom, type Random } from '../../src/demo/random';
import {
  aReport,
  hoursFromNow,
  startTestApp,
  STORE_SETUPS,
  type Answer,
  type TestApp,
} from '../e2e/test-app';
import { headOf } from '../identity/identity-helpers';

/**
 * A bounded, seeded fuzz of the HTTP edge: a few thousand malformed requests across the
 * families the 20,000-request run found (deep nesting, inherited member names, other media
 * types, invisible text, NUL and broken Unicode, over-long ids, forged cursors, unknown and
 * repeated query keys, oversized and malformed bodies, wrong types, bad headers). Every one
 * must get a clear 4xx in the engine's JSON error shape, none a 5xx, and none may append.
 */
const SEED = 20230705;
const PER_STORE = 2400;

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
};

interface Case {
  family: string;
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
  /** The status this family must get; undefined: any 4xx. */
  status?: number;
}

const INHERITED = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__lookupSetter__',
];
const INVISIBLE = [
  '\u200b',
  '\u200c',
  '\u200d',
  '\ufeff',
  '\u2060',
  '\u00ad',
  ' ',
  '\t',
  '\u3000',
  '\u180e',
  '\u202e',
];
const BROKEN = ['\\u0000', '\\ud800', '\\udfff', 'a\\u0000b', '\\ud83d'];
const MEDIA_TYPES = [
  'application/x-www-form-urlencoded',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/xml',
  'text/html',
  'application/jsonx',
  'application/octet-stream',
  'application/x-json',
];

const json = (value: unknown) => JSON.stringify(value);

function nested(rnd: Random): string {
  const depth = rnd.int(33, 4000);
  return rnd.chance(0.5)
    ? '['.repeat(depth) + ']'.repeat(depth)
    : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** A body with one field replaced by `raw` JSON text (so escapes stay as sent). */
const withRawField = (body: Record<string, unknown>, field: string, raw: string): string =>
  json({ ...body, [field]: '__RAW__' }).replace('"__RAW__"', raw);

function makeCase(rnd: Random, issueId: string, rid: string, cursor: string): Case {
  const commands: Array<[string, Record<string, unknown>, string]> = [
    ['/issues', aReport(), 'title'],
    [
      `/issues/${issueId}/meetings`,
      { kind: 'summons', heldAt: new Date().toISOString(), attendees: ['x'] },
      'convenedBy',
    ],
    [
      `/issues/${issueId}/remediations`,
      { responsibleUnit: 'u', action: 'a', dueAt: hoursFromNow(5) },
      'action',
    ],
    [
      `/issues/${issueId}/remediations/${rid}/extension`,
      { newDueAt: hoursFromNow(99), reason: 'r' },
      'reason',
    ],
    [`/issues/${issueId}/escalations`, { reason: 'r' }, 'reason'],
    [`/issues/${issueId}/closure`, { resolution: 'r' }, 'resolution'],
  ];
  const [path, body, textField] = rnd.pick(commands);
  const family = rnd.pick([
    'nesting',
    'inherited-field',
    'media-type',
    'invisible-text',
    'broken-text',
    'long-id',
    'cursor',
    'query-key',
    'repeated-query',
    'malformed-json',
    'wrong-type',
    'not-an-object',
    'bad-header',
    'bad-path',
  ]);
  switch (family) {
    case 'nesting':
      return { family, method: 'POST', path, body: nested(rnd), status: 400 };
    case 'inherited-field': {
      const name = rnd.pick(INHERITED);
      const value = rnd.pick<unknown>(['x', 1, {}, [], null, { polluted: true }]);
      const raw = json(body).replace(/^\{/, `{${json(name)}:${json(value)},`);
      return {
        family,
        method: 'POST',
        path,
        body: rnd.chance(0.2) ? raw.replace(/}$/, `,"x":{${json(name)}:1}}`) : raw,
        status: 400,
      };
    }
    case 'media-type':
      return {
        family,
        method: 'POST',
        path,
        body: rnd.chance(0.5) ? 'title=t&category=key-project' : json(body),
        headers: { 'content-type': rnd.pick(MEDIA_TYPES) },
        status: 415,
      };
    case 'invisible-text': {
      const blank = Array.from({ length: rnd.int(1, 8) }, () => rnd.pick(INVISIBLE)).join('');
      return { family, method: 'POST', path, body: json({ ...body, [textField]: blank }), status: 400 };
    }
    case 'broken-text': {
      const raw = `"${rnd.pick(BROKEN)}${rnd.chance(0.5) ? '整改' : ''}"`;
      return { family, method: 'POST', path, body: withRawField(body, textField, raw), status: 400 };
    }
    case 'long-id': {
      const alphabet = [...'abcdef0123456789-_~.', '%41', '%E6%95%B4'];
      const id = Array.from({ length: rnd.int(201, 6000) }, () => rnd.pick(alphabet)).join('');
      return rnd.chance(0.5)
        ? {
            family,
            method: 'GET',
            path: `/issues/${id}${rnd.pick(['', '/history', '/state?asOf=2023-03-01T00:00:00Z'])}`,
            status: 404,
          }
        : {
            family,
            method: 'POST',
            path: `/issues/${id}/escalations`,
            body: json({ reason: 'r' }),
            status: 404,
          };
    }
    case 'cursor': {
      const forged = rnd.pick([
        Buffer.from(json(['2023-01-01T00:00:00.000Z', 'x'])).toString('base64url'),
        `${cursor.slice(0, -2)}xx`,
        `${cursor}.`,
        'not-a-cursor',
        cursor.replace(/\.[^.]*$/, ''),
        `${cursor}a`,
      ]);
      const list = rnd.pick(['/issues', '/audit']);
      return { family, method: 'GET', path: `${list}?cursor=${encodeURIComponent(forged)}`, status: 400 };
    }
    case 'query-key': {
      const key = rnd.chance(0.7) ? rnd.pick(INHERITED) : `x${rnd.int(0, 1e6)}`;
      const list = rnd.pick(['/issues', '/audit', '/groups/performance?period=2023']);
      return {
        family,
        method: 'GET',
        path: `${list}${list.includes('?') ? '&' : '?'}${encodeURIComponent(key)}=1`,
        status: 400,
      };
    }
    case 'repeated-query': {
      const [list, key, value] = rnd.pick([
        ['/groups/performance', 'period', '2023'],
        ['/issues', 'district', 'siming'],
        ['/issues', 'limit', '5'],
        ['/audit', 'type', 'IssueReported'],
      ]);
      const times = rnd.int(2, 5);
      return {
        family,
        method: 'GET',
        path: `${list}?${Array(times).fill(`${key}=${value}`).join('&')}`,
        status: 400,
      };
    }
    case 'malformed-json': {
      const text = json(body);
      const broken = rnd.pick([
        text.slice(0, rnd.int(1, text.length - 1)),
        text.replace(/}$/, ',}'),
        text.replace(/"/g, "'"),
        `${text}${text}`,
        '',
        '   ',
        '{"a":1,"a":}',
        'undefined',
      ]);
      return { family, method: 'POST', path, body: broken, status: 400 };
    }
    case 'wrong-type': {
      const value = rnd.pick<unknown>([12, true, ['a'], { a: 1 }, 1e308, -1]);
      return { family, method: 'POST', path, body: json({ ...body, [textField]: value }), status: 400 };
    }
    case 'not-an-object':
      return {
        family,
        method: 'POST',
        path,
        body: rnd.pick(['null', '[]', '[1,2]', '1', '"text"', 'true']),
        status: 400,
      };
    case 'bad-header': {
      const [name, value] = rnd.pick([
        ['if-match', 'abc'],
        ['if-match', 'W/"x"'],
        ['idempotency-key', 'a'.repeat(201)],
        ['idempotency-key', 'has space'],
        ['authorization', 'Bearer x.y.z'],
      ]);
      return {
        family,
        method: 'POST',
        path,
        body: json(body),
        headers: { [name]: value },
        status: name === 'authorization' ? 401 : 400,
      };
    }
    case 'bad-path':
      return {
        family,
        method: 'GET',
        path: rnd.pick(['/issues/%E0%A4%A', '/issues/%', '/audit/%zz', '/issues/a%']),
        status: 400,
      };
    default:
      throw new Error(`unknown family ${family}`);
  }
}

describe.each(STORE_SETUPS)('malformed requests, seeded fuzz (%s)', (store) => {
  let t: TestApp;
  let issueId: string;
  let rid: string;
  let cursor: string;

  beforeAll(async () => {
    t = await startTestApp(store);
    issueId = (await t.post('/issues', aReport())).body.issueId;
    rid = (
      await t.post(`/issues/${issueId}/remediations`, {
        responsibleUnit: 'u',
        action: 'a',
        dueAt: hoursFromNow(48),
      })
    ).body.remediationId;
    const second = await t.post('/issues', aReport());
    cursor = (await t.get(`/issues?limit=1&minPosition=${second.body.position}`)).body.nextCursor;
    expect(cursor).toEqual(expect.any(String));
  });
  afterAll(() => t.destroy());

  it(`answers ${PER_STORE} malformed requests with a clear 4xx each, never a 5xx, and appends nothing`, async () => {
    const rnd = seededRandom(SEED);
    const before = await headOf(t);
    const problems: string[] = [];
    const byFamily = new Map<string, number>();
    for (let i = 0; i < PER_STORE; i++) {
      const c = makeCase(rnd, issueId, rid, cursor);
      byFamily.set(c.family, (byFamily.get(c.family) ?? 0) + 1);
      const headers = { 'content-type': 'application/json', ...c.headers };
      const answer: Answer = await t.request(c.method, c.path, c.body, headers);
      const body = answer.body as Record<string, unknown> | string | null;
      const shaped =
        typeof body === 'object' &&
        body !== null &&
        body.statusCode === answer.status &&
        body.error === TITLES[answer.status] &&
        typeof body.message === 'string' &&
        body.message.length > 0;
      const ok =
        answer.status >= 400 && answer.status < 500 && (c.status === undefined || answer.status === c.status);
      if (!ok || !shaped)
        problems.push(
          `${c.family} ${c.method} ${c.path.slice(0, 80)} → ${answer.status} ${JSON.stringify(body).slice(0, 200)}`,
        );
    }
    expect(problems.slice(0, 20)).toEqual([]);
    expect(await headOf(t)).toBe(before);
    // Every family was exercised.
    expect(byFamily.size).toBe(14);
  });

  it('answers oversized bodies 413 and anonymous malformed requests 401, in the same shape', async () => {
    const before = await headOf(t);
    const huge = await t.request(
      'POST',
      '/issues',
      json({ ...aReport(), description: 'x'.repeat(2_200_000) }),
    );
    expect(huge.status).toBe(413);
    expect(huge.body).toEqual({ statusCode: 413, error: 'Payload Too Large', message: expect.any(String) });
    const anonymous = await t.anonymous.request('POST', '/issues', '[[[[', {
      'content-type': 'application/json',
    });
    expect([400, 401]).toContain(anonymous.status);
    expect(await headOf(t)).toBe(before);
  });
});
