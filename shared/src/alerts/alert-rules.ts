// The trigger rules as data (shared/alert-rules/rules.yaml): their shape, checked with zod, and
// the reasons a lead agency may close an alert with. Reading the file is the server's job; this
// module holds no I/O.
import { z } from 'zod';
import { FEED_IDS, type FeedId } from '../agencies.ts';
import { CODE_LISTS } from '../code-lists.ts';

const weeks = z.number().int().min(1).max(52);
const atLeastOne = z.number().int().min(1).max(1000);
const common = {
  title: z.string().min(1).max(80),
  explain: z.string().min(1).max(600),
  'window-weeks': weeks,
};

const RuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('contacts-across-services'), subject: z.enum(['address', 'person']), ...common, 'min-contacts': atLeastOne, 'min-services': z.number().int().min(1).max(FEED_IDS.length) }),
  z.strictObject({ kind: z.literal('child-open-case-at-ae'), subject: z.literal('person'), ...common, 'min-attendances': atLeastOne }),
  z.strictObject({ kind: z.literal('child-not-brought'), subject: z.literal('person'), ...common, 'min-missed': atLeastOne }),
  z.strictObject({
    kind: z.literal('fire-at-open-case'),
    subject: z.literal('address'),
    ...common,
    'fire-categories': z.array(z.string()).min(1),
    'case-categories': z.array(z.string()).min(1),
  }),
  z.strictObject({ kind: z.literal('repeat-incidents'), subject: z.literal('address'), ...common, feed: z.enum(FEED_IDS), 'min-incidents': atLeastOne }),
]);

export const AlertRulesFileSchema = z.strictObject({
  version: z.string().regex(/^[\w.-]{1,40}$/),
  rules: z.record(z.string().regex(/^[a-z][a-z0-9-]{1,59}$/), RuleSchema),
});

type RuleFile = z.infer<typeof RuleSchema>;

/** One rule, compiled: its code, and its thresholds under plain names. */
export type AlertRule = {
  code: string;
  title: string;
  explain: string;
  windowWeeks: number;
} & (
  | { kind: 'contacts-across-services'; subject: 'address' | 'person'; minContacts: number; minServices: number }
  | { kind: 'child-open-case-at-ae'; subject: 'person'; minAttendances: number }
  | { kind: 'child-not-brought'; subject: 'person'; minMissed: number }
  | { kind: 'fire-at-open-case'; subject: 'address'; fireCategories: string[]; caseCategories: string[] }
  | { kind: 'repeat-incidents'; subject: 'address'; feed: FeedId; minIncidents: number }
);

export interface AlertRules {
  /** The declared version and a hash of the file's text: an edit without a new version still shows. */
  version: string;
  rules: AlertRule[];
}

/** The agencies a rule's evidence draws on: who may see an alert depends on them. */
export function feedsOfRule(rule: AlertRule): FeedId[] {
  switch (rule.kind) {
    case 'contacts-across-services':
      return [...FEED_IDS];
    case 'child-open-case-at-ae':
      return ['council-children', 'nhs'];
    case 'child-not-brought':
      return ['nhs'];
    case 'fire-at-open-case':
      return ['fire', 'council-adults'];
    case 'repeat-incidents':
      return [rule.feed];
  }
}

function compileRule(code: string, r: RuleFile, problems: string[]): AlertRule {
  const base = { code, title: r.title, explain: r.explain.trim(), windowWeeks: r['window-weeks'] };
  const known = (feed: FeedId, codes: string[], field: string) => {
    for (const c of codes) if (!(c in CODE_LISTS[feed])) problems.push(`rules.${code}.${field}: ${feed} has no category "${c}"`);
  };
  switch (r.kind) {
    case 'contacts-across-services':
      return { ...base, kind: r.kind, subject: r.subject, minContacts: r['min-contacts'], minServices: r['min-services'] };
    case 'child-open-case-at-ae':
      return { ...base, kind: r.kind, subject: r.subject, minAttendances: r['min-attendances'] };
    case 'child-not-brought':
      return { ...base, kind: r.kind, subject: r.subject, minMissed: r['min-missed'] };
    case 'fire-at-open-case':
      known('fire', r['fire-categories'], 'fire-categories');
      known('council-adults', r['case-categories'], 'case-categories');
      return { ...base, kind: r.kind, subject: r.subject, fireCategories: r['fire-categories'], caseCategories: r['case-categories'] };
    case 'repeat-incidents':
      return { ...base, kind: r.kind, subject: r.subject, feed: r.feed, minIncidents: r['min-incidents'] };
  }
}

/** The rules compiled, or every problem that stops them being used. `digest` is a short hash of the file's text. */
export function compileAlertRules(raw: unknown, digest: string): { ok: true; rules: AlertRules } | { ok: false; problems: string[] } {
  const parsed = AlertRulesFileSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`) };
  const problems: string[] = [];
  const rules = Object.entries(parsed.data.rules).map(([code, r]) => compileRule(code, r, problems));
  if (rules.length === 0) problems.push('rules: the file names no rule');
  if (problems.length) return { ok: false, problems };
  return { ok: true, rules: { version: `${parsed.data.version}#${digest}`, rules } };
}
