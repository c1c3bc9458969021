// Every route of the OpenAPI document, as the running app serves it, sent hostile requests:
// wrong JSON types, missing and extra fields, huge strings, path parameters that are negative,
// huge, not numbers, unicode or "../", garbage query strings, bodies that are not JSON or not
// declared as JSON, over-size bodies; signed in as a role that reaches the route, and signed out.
// No answer is a 500, every error is the one JSON error shape, no value from the request comes
// back in an error, and the server keeps answering. Then hostile files through the real HTTPS
// upload route: each answered with a report or a JSON error. Seeded (MAST_FUZZ_SEED replays).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { openTestDatabase, type Database } from '@mast/db';
import { ApiErrorSchema, FEED_CONTRACTS, ROLES, contractColumns, type Role } from '@mast/shared';
import { createApp } from '../app.ts';
import { issueFeedToken } from '../auth/feed-token.ts';
import { APPLY_UPLOAD, applyUploadHandler } from '../feeds/uploads.ts';
import { startJobWorker, type JobWorker } from '../jobs/worker.ts';
import { EVALUATE_ALERTS, alertEvaluationHandler } from '../alerts/alert-job.ts';
import { loadAlertRules } from '../alerts/rules-file.ts';
import { NOW, signedInAs } from '../test/agreement-borough.ts';
import { backendName, loadSmallBorough, tempFiles, type TempFiles } from '../test/small-borough.ts';
import { ALL_HOSTILE, fuzzSeed, seededRandom, type Random } from '../test/hostile-input.ts';

const SEED = fuzzSeed(4242);
/** Personal values a request may carry: none may come back in an error. */
const PERSONAL = ['Sandra Kelly', '1971-03-14', '27 Mill Lane', 'MB3 4RT', 'sandra.kelly@example.invalid', '9434765919'];
const HOSTILE = [...PERSONAL, ...ALL_HOSTILE.filter((s) => s.trim().length >= 5 && s.length < 1000)];
/** Path parameter values: negative, huge, not a number, unicode, traversal. None names a real row. */
const PATH_VALUES = [
  '-1', '0', '2147483648', '9007199254740993', '99999999999999999999', '1.5', '1e3', 'NaN', 'Infinity', 'abc', '0x10',
  '..%2F..%2Fetc%2Fpasswd', '..', '%2E%2E', '%00', '%E2%80%AE1', '%F0%9F%99%82', '%20', "1'%20OR%20'1'%3D'1", 'x'.repeat(3000), '%FF', '%',
];
const QUERY_VALUES = ['9999-12-31', '0000-01-01', '2026-02-30', '2147483648', '999999999999', '9999999999999999', '-1', '0', '99999999999999999999', 'abc', '', '%00', '%E2%80%AE', '%FF', '%', 'x'.repeat(5000), '1e400', 'null', '[]', '{}', encodeURIComponent('Sandra Kelly'), encodeURIComponent('1971-03-14')];

type Schema = Record<string, any>;
interface Operation {
  method: string;
  path: string;
  parameters: { name: string; in: string; required?: boolean; schema?: Schema }[];
  body?: Schema;
}
interface Sent {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

describe(`API fuzz from the OpenAPI document (${backendName()}, seed ${SEED})`, () => {
  let database: Database;
  let files: TempFiles;
  let worker: JobWorker;
  let app: ReturnType<typeof createApp>;
  let doc: { paths: Record<string, Record<string, Schema>>; components?: { schemas?: Record<string, Schema> } };
  const cookies = new Map<Role, string>();
  let feedToken = '';
  const roleViewer: Record<Role, string> = {
    responder: 'police/responder',
    practitioner: 'council/practitioner',
    supervisor: 'council/supervisor',
    'data-steward': 'council/data-steward',
    'ig-officer': 'council/ig-officer',
    analyst: 'council/analyst',
    admin: 'council/admin',
  };

  beforeAll(async () => {
    database = await openTestDatabase();
    files = tempFiles();
    await loadSmallBorough(database, files);
    for (const role of ROLES) cookies.set(role, (await signedInAs(database, roleViewer[role])).cookie);
    feedToken = (await issueFeedToken(database.db, 'police', 'fuzz')).token;
    const alerts = alertEvaluationHandler(database, loadAlertRules(), { log: () => {} });
    worker = startJobWorker(database, { [APPLY_UPLOAD]: applyUploadHandler(database), [EVALUATE_ALERTS]: alerts }, { pollMs: 50 });
    const limits = Object.fromEntries(ROLES.map((r) => [r, 1_000_000])) as Record<Role, number>;
    app = createApp({
      database, now: () => NOW, webRoot: false, dataDir: files.dir, jobs: worker, requireSecondFactor: false,
      uploads: { maxBytes: 200_000, perHour: 10_000, waitMs: 20_000 }, bulkRead: { limits },
    });
    doc = (await (await app.request('/api/openapi.json')).json()) as typeof doc;
  });
  afterAll(async () => {
    await worker?.stop();
    await database?.close();
    files?.remove();
  });

  const deref = (s: Schema | undefined): Schema => {
    let out = s ?? {};
    while (typeof out.$ref === 'string') out = doc.components?.schemas?.[out.$ref.split('/').pop()!] ?? {};
    return out;
  };

  function operations(): Operation[] {
    const ops: Operation[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const body = op.requestBody?.content?.['application/json']?.schema;
        ops.push({ method: method.toUpperCase(), path, parameters: op.parameters ?? [], body: body ? deref(body) : undefined });
      }
    }
    return ops;
  }

  /** A plausible value of a schema: what a well-meaning client would send. */
  function sample(schema: Schema | undefined, depth = 0): unknown {
    const s = deref(schema);
    if (s.enum) return s.enum[0];
    if (s.const !== undefined) return s.const;
    const alt = s.anyOf ?? s.oneOf;
    if (alt) return sample(alt.find((a: Schema) => deref(a).type !== 'null') ?? alt[0], depth);
    const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type;
    if (type === 'object' || s.properties) {
      const out: Record<string, unknown> = {};
      if (depth < 4) for (const [k, v] of Object.entries<Schema>(s.properties ?? {})) out[k] = sample(v, depth + 1);
      return out;
    }
    if (type === 'array') return [];
    if (type === 'integer' || type === 'number') return Math.max(1, s.minimum ?? 1);
    if (type === 'boolean') return true;
    if (s.format === 'date') return '2026-11-01';
    return 'x'.repeat(Math.max(1, s.minLength ?? 8));
  }

  /** A path parameter's value that names nothing (no row has it), yet passes a number check. */
  const plainPathValue = (name: string) => (name === 'feed' ? 'police' : name === 'topic' ? 'feeds' : name === 'uprn' ? '100000000001' : '999999');

  function urlOf(op: Operation, path: Record<string, string> = {}, query = ''): string {
    const p = op.path.replace(/\{(\w+)\}/g, (_, name: string) => path[name] ?? plainPathValue(name));
    const required = op.parameters.filter((x) => x.in === 'query' && x.required).map((x) => `${x.name}=${encodeURIComponent(String(sample(x.schema)))}`);
    const q = [...required, ...(query ? [query] : [])].join('&');
    return `/api${p}${q ? `?${q}` : ''}`;
  }

  /** The hostile requests for one operation. */
  function hostileRequests(op: Operation, r: Random): Sent[] {
    const out: Sent[] = [];
    const base = urlOf(op);
    const json = (body: string, type = 'application/json'): Sent => ({ method: op.method, url: base, headers: { 'content-type': type }, body });
    // Path parameters, each in turn.
    for (const p of op.parameters.filter((x) => x.in === 'path')) {
      for (const v of PATH_VALUES) out.push({ ...(op.body ? json(JSON.stringify(sample(op.body))) : { method: op.method }), url: urlOf(op, { [p.name]: v }) });
    }
    // Query parameters: garbage in each, repeated ones, unknown ones.
    for (const p of op.parameters.filter((x) => x.in === 'query')) {
      for (const v of [...QUERY_VALUES, ...[0, 1, 2, 3].map(() => encodeURIComponent(r.pick(HOSTILE)))]) out.push({ method: op.method, url: urlOf(op, {}, `${p.name}=${v}`) });
      out.push({ method: op.method, url: urlOf(op, {}, `${p.name}=1&${p.name}=2`) });
    }
    out.push({ method: op.method, url: urlOf(op, {}, `${encodeURIComponent(r.pick(HOSTILE))}=${encodeURIComponent(r.pick(HOSTILE))}&__proto__[x]=1&a[b][c]=d`) });
    if (op.method === 'GET') return out;
    // Bodies that are not JSON, or not said to be.
    const good = op.body ? sample(op.body) : {};
    for (const raw of ['{not json', '', 'null', '[]', '"Sandra Kelly"', '1', 'true', '{"a":', '\u0000', `${'['.repeat(5000)}${']'.repeat(5000)}`, '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}']) out.push(json(raw));
    out.push(json(JSON.stringify(good), 'text/plain'), json('a=1&b=Sandra%20Kelly', 'application/x-www-form-urlencoded'), json('--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--', 'multipart/form-data; boundary=x'));
    out.push({ method: op.method, url: base, body: JSON.stringify(good) });
    // Over the size limit.
    out.push(json(JSON.stringify({ ...(good as object), pad: 'Sandra Kelly '.repeat(10_000) })));
    if (!op.body) return out;
    // Each property: wrong types, huge strings, hostile text; then missing and extra fields.
    const wrong: unknown[] = [null, 12345, -1, 1e308, true, [], {}, [r.pick(HOSTILE)], { $gt: '' }, 'x'.repeat(60_000), r.pick(HOSTILE), r.pick(HOSTILE), r.pick(PERSONAL)];
    const props = Object.keys(deref(op.body).properties ?? {});
    for (const k of props) {
      for (const v of wrong) if (r.chance(0.6)) out.push(json(JSON.stringify({ ...(good as object), [k]: v })));
      // Numbers a 32-bit column or a JavaScript number cannot hold exactly, for every property.
      for (const v of [2147483648, 9007199254740993, 1.5, -0]) out.push(json(JSON.stringify({ ...(good as object), [k]: v })));
      const without = { ...(good as Record<string, unknown>) };
      delete without[k];
      out.push(json(JSON.stringify(without)));
    }
    out.push(json('{}'), json(JSON.stringify({ ...(good as object), [r.pick(HOSTILE)]: r.pick(PERSONAL), extra: 'Sandra Kelly' })));
    return out;
  }

  async function send(req: Sent, auth: Record<string, string>) {
    return app.request(req.url, { method: req.method, headers: { ...auth, ...req.headers }, body: req.method === 'GET' || req.method === 'HEAD' ? undefined : req.body });
  }

  /** Checks one answer: never a 500, an error in the one shape, holding no value of the request. */
  const statuses = new Map<number, number>();
  async function check(res: Response, req: Sent, where: string) {
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    const label = `${where}: ${req.method} ${req.url.slice(0, 120)} [${req.headers?.['content-type'] ?? '-'}] ${req.body?.slice(0, 60) ?? ''}`;
    expect(res.status, `${label} answered ${res.status}`).toBeLessThan(500);
    if (res.status < 400) {
      await res.body?.cancel();
      return;
    }
    const text = await res.text();
    expect(res.headers.get('content-type') ?? '', `${label}: error is JSON`).toMatch(/^application\/json/);
    let parsed: unknown;
    expect(() => (parsed = JSON.parse(text)), `${label}: error is JSON`).not.toThrow();
    expect(ApiErrorSchema.safeParse(parsed).success, `${label}: error shape ${text.slice(0, 200)}`).toBe(true);
    expect(Object.keys(parsed as object), label).toEqual(['error']);
    const sent = `${decodeURIComponentSafe(req.url)}\n${req.body ?? ''}`;
    const echoed = HOSTILE.find((v) => sent.includes(v) && text.includes(v));
    expect(echoed, `${label}: the error repeats a value of the request`).toBeUndefined();
  }

  const authFor = (role: Role | 'token' | null): Record<string, string> =>
    role === null ? {} : role === 'token' ? { authorization: `Bearer ${feedToken}` } : { cookie: cookies.get(role)! };

  it('answers every route and method of the document without a 500, in the one error shape', async () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(40);
    const r = seededRandom(SEED);
    const exercised = new Set<string>();
    let requests = 0;
    // Routes that refused every role's plausible request (a wrong code or password): fuzzed as admin.
    const unreached: string[] = [];
    for (const op of ops) {
      const key = `${op.method} ${op.path}`;
      const where = `${key} (seed ${SEED})`;
      // Sign-out routes end the session they are sent with: each request gets a fresh one.
      const freshSession = /logout/.test(op.path);
      // The role to send as: a feed token for partner routes, else the first role the route does not refuse.
      let reaching: Role | 'token' | null = null;
      if (op.path.startsWith('/feeds/')) reaching = 'token';
      else {
        for (const role of ROLES) {
          const probe: Sent = { method: op.method, url: urlOf(op), headers: { 'content-type': 'application/json' }, body: op.method === 'GET' ? undefined : JSON.stringify(op.body ? sample(op.body) : {}) };
          if (freshSession) cookies.set(role, (await signedInAs(database, roleViewer[role])).cookie);
          const res = await send(probe, authFor(role));
          await check(res, probe, `${where} as ${role}`);
          requests++;
          if (res.status !== 401 && res.status !== 403) {
            reaching = role;
            break;
          }
        }
        if (reaching === null) unreached.push(key);
        reaching ??= 'admin';
      }
      const batch = hostileRequests(op, r);
      for (const req of batch) {
        if (freshSession && reaching !== 'token') cookies.set(reaching, (await signedInAs(database, roleViewer[reaching])).cookie);
        await check(await send(req, authFor(reaching)), req, `${where} as ${reaching}`);
        requests++;
      }
      // Signed out: a few of the same, each refused (or public) in the one shape.
      for (const req of [{ method: op.method, url: urlOf(op) }, ...batch.filter(() => r.chance(0.1))]) {
        await check(await send(req, {}), req, `${where} signed out`);
        requests++;
      }
      const health = await app.request('/api/health');
      expect(health.status, `${where}: the server still answers`).toBe(200);
      exercised.add(key);
    }
    expect(({} as Record<string, unknown>).polluted, 'a body reached Object.prototype').toBeUndefined();
    const missing = ops.map((o) => `${o.method} ${o.path}`).filter((k) => !exercised.has(k));
    expect(missing, 'routes in the document not exercised').toEqual([]);
    if (unreached.length > 0) console.log(`api fuzz: every role was refused (401/403) a plausible request to ${unreached.join(', ')}`);
    console.log(`api fuzz (${backendName()}, seed ${SEED}): ${exercised.size} of ${ops.length} routes and methods exercised with ${requests} requests; answers by status: ${[...statuses].sort((a, b) => a[0] - b[0]).map(([k, n]) => `${k}×${n}`).join(' ')}`);
  });

  it('answers hostile files sent over HTTPS with a report or a JSON error, never a 500', async () => {
    const r = seededRandom(SEED + 1);
    const header = contractColumns(FEED_CONTRACTS.police).join(',');
    const good = (id: string) => `${id},${NOW.toISOString().slice(0, 10)},drugs,,,,,,27 Mill Lane,MB3 4RT,,POL-NORTH,`;
    const bodies: (string | Buffer)[] = [
      `${header}\n${good('H-1')}\nH-2,2026-11-01,drugs,,,,,,"Mill\u0000Lane",,,POL-NORTH,\nH-3,2026-11-01,drugs,Sandra\u202E,Kelly,1971-03-14,,,27 Mill Lane,,,POL-NORTH,\n`,
      Buffer.concat([Buffer.from(`${header}\n${good('H-4')}\n`), Buffer.from([0xff, 0xfe, 0xed, 0xa0, 0x80])]),
      `${header}${',x'.repeat(60_000)}\n${good('H-5')}\n`,
      `${header},"a\u0000b"\n${good('H-6')},1\n`,
      `${header}\n${good('H-7')}\nH-8,"never closed\n`,
      `${header}\n${good('H-9')}\nH-10,2026-11-01,drugs,,,,,,${'W'.repeat(150_000)},,,POL-NORTH,\n`,
      '',
      '\uFEFF',
      `${header}\n${Array.from({ length: 30 }, (_, i) => `H-R${i},${r.pick(ALL_HOSTILE).replace(/[",\r\n]/g, '')},${r.pick(ALL_HOSTILE).replace(/[",\r\n]/g, '')},,,,,,27 Mill Lane,,,POL-NORTH,`).join('\n')}\n`,
      Buffer.from(Array.from({ length: 3000 }, () => r.int(256))),
      'x'.repeat(250_000),
    ];
    const answered = new Set<number>();
    for (const [i, body] of bodies.entries()) {
      const req: Sent = { method: 'POST', url: '/api/feeds/police/uploads', headers: { 'content-type': 'text/csv', 'x-file-name': `fuzz-${i}/../\"<x>;é.csv` }, body: body as string };
      const res = await app.request(req.url, { method: 'POST', headers: { authorization: `Bearer ${feedToken}`, ...req.headers }, body });
      const where = `upload ${i} (seed ${SEED})`;
      const text = await res.text();
      answered.add(res.status);
      await check(new Response(text, { status: res.status, headers: res.headers }), { ...req, body: typeof body === 'string' ? body.slice(0, 2000) : '' }, where);
      if (res.status === 200) {
        const status = JSON.parse(text) as { state: string; report?: { rows: number; accepted: number; rejected: number } };
        expect(status.state, where).toBe('done');
        expect(status.report!.accepted + status.report!.rejected, where).toBe(status.report!.rows);
      } else expect([413, 422], where).toContain(res.status);
    }
    // Applied with rejections, refused whole, and too large: each answer was met.
    expect([...answered].sort()).toEqual([200, 413, 422]);
  });
});

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
