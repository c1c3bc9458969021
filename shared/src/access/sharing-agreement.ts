// The data sharing agreement as data (shared/sharing-agreement/access.yaml): its shape, checked
// with zod, and its compiled form, which answers "at what level may this viewer see this agency's
// category?" in one map lookup. Reading the file is the server's job; this module holds no I/O.
import { z } from 'zod';
import { FEED_IDS, type FeedId } from '../agencies.ts';
import { CODE_LISTS, categoryCodes } from '../code-lists.ts';
import { FIND_PEOPLE, ORGANISATION_KINDS, ROLES, type FindPeople, type OrganisationKind, type Purpose, type Role } from '../api.ts';
import { REPORT_TOPICS, type ReportTopic } from '../analytics/report.ts';

export const LEVELS = ['full', 'flag', 'hidden'] as const;
export type Level = (typeof LEVELS)[number];
const LevelSchema = z.enum(LEVELS);

const PurposeSchema = z.strictObject({
  label: z.string().min(1).max(60),
  reference: z.enum(['required', 'optional', 'none']),
  'reference-label': z.string().min(1).max(40).optional(),
});

const AgencyRuleSchema = z.union([
  LevelSchema,
  z.strictObject({
    default: LevelSchema,
    full: z.array(z.string()).optional(),
    flag: z.array(z.string()).optional(),
    hidden: z.array(z.string()).optional(),
  }),
]);
type AgencyRule = z.infer<typeof AgencyRuleSchema>;

const ViewerSchema = z.strictObject({
  like: z.string().optional(),
  purposes: z.array(z.string()).min(1).optional(),
  'break-glass': z.boolean().optional(),
  'sensitive-addresses': z.boolean().optional(),
  'find-people': z.enum(FIND_PEOPLE).optional(),
  sees: z.partialRecord(z.enum(FEED_IDS), AgencyRuleSchema).optional(),
});

export const SharingAgreementFileSchema = z.strictObject({
  version: z.string().regex(/^[\w.-]{1,40}$/),
  purposes: z.record(z.string().regex(/^[a-z][a-z-]{1,39}$/), PurposeSchema),
  viewers: z.record(z.string(), ViewerSchema),
  /** Which roles read which of the partnership's trend reports (counts only, pseudonymised). */
  reports: z.partialRecord(z.enum(ROLES), z.array(z.enum(REPORT_TOPICS))).optional(),
});
export type SharingAgreementFile = z.infer<typeof SharingAgreementFileSchema>;

export interface ViewerRules {
  /** "<organisation kind>/<role>", as the file names it. */
  key: string;
  purposes: readonly Purpose[];
  breakGlass: boolean;
  sensitiveAddresses: boolean;
  /** Whether the viewer may search people by name and date of birth, and by NHS number too. */
  findPeople: FindPeople;
  /** feed -> category -> level, every category of every feed present. */
  levels: Readonly<Record<FeedId, Readonly<Record<string, Level>>>>;
}

export interface SharingAgreement {
  /** The declared version and a hash of the file's text: an edit without a new version still shows. */
  version: string;
  purposes: ReadonlyMap<string, Purpose>;
  viewers: ReadonlyMap<string, ViewerRules>;
  /** The report topics each role may read, in the order of REPORT_TOPICS; a role not named reads none. */
  reports: ReadonlyMap<Role, readonly ReportTopic[]>;
}

export function viewerKey(kind: OrganisationKind | string, role: Role | string): string {
  return `${kind}/${role}`;
}

function levelsOf(rule: AgencyRule, feed: FeedId, where: string, problems: string[]): Record<string, Level> {
  const out: Record<string, Level> = {};
  const codes = categoryCodes(feed);
  const base = typeof rule === 'string' ? rule : rule.default;
  for (const code of codes) out[code] = base;
  if (typeof rule !== 'string') {
    const seen = new Set<string>();
    for (const level of ['full', 'flag', 'hidden'] as const) {
      for (const code of rule[level] ?? []) {
        if (!(code in (CODE_LISTS[feed] as Record<string, string>))) problems.push(`${where}: ${feed} has no category "${code}"`);
        else if (seen.has(code)) problems.push(`${where}: ${feed} category "${code}" is given two levels`);
        else {
          seen.add(code);
          out[code] = level;
        }
      }
    }
  }
  return out;
}

/**
 * The agreement compiled, or the problems that stop it being used (every one, so whoever edits
 * the file can fix them in one go). `digest` is a short hash of the file's text.
 */
export function compileSharingAgreement(raw: unknown, digest: string): { ok: true; agreement: SharingAgreement } | { ok: false; problems: string[] } {
  const parsed = SharingAgreementFileSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`) };
  const file = parsed.data;
  const problems: string[] = [];
  const purposes = new Map<string, Purpose>(
    Object.entries(file.purposes).map(([code, p]) => [code, { code, label: p.label, reference: p.reference, referenceLabel: p['reference-label'] ?? null }]),
  );
  for (const p of purposes.values()) if (p.reference !== 'none' && !p.referenceLabel) problems.push(`purposes.${p.code}: a purpose with a reference needs a reference-label`);

  const resolve = (key: string, trail: string[]): z.infer<typeof ViewerSchema> | undefined => {
    const v = file.viewers[key];
    if (!v) return undefined;
    if (!v.like) return v;
    if (trail.includes(v.like)) {
      problems.push(`viewers.${key}: "like" goes round in a circle (${[...trail, v.like].join(' -> ')})`);
      return v;
    }
    const base = resolve(v.like, [...trail, v.like]);
    if (!base) {
      problems.push(`viewers.${key}: like names "${v.like}", which is not a viewer here`);
      return v;
    }
    return { ...base, ...v, sees: { ...base.sees, ...v.sees } };
  };

  const viewers = new Map<string, ViewerRules>();
  for (const key of Object.keys(file.viewers)) {
    const [kind, role, more] = key.split('/');
    if (more !== undefined || !(ORGANISATION_KINDS as readonly string[]).includes(kind ?? '') || !(ROLES as readonly string[]).includes(role ?? '')) {
      problems.push(`viewers.${key}: a viewer is "<organisation kind>/<role>" with a kind of ${ORGANISATION_KINDS.join(', ')} and a role of ${ROLES.join(', ')}`);
      continue;
    }
    const v = resolve(key, [key])!;
    const codes = v.purposes ?? [];
    if (codes.length === 0) problems.push(`viewers.${key}: names no purposes`);
    for (const code of codes) if (!purposes.has(code)) problems.push(`viewers.${key}: purpose "${code}" is not listed under purposes`);
    const levels = {} as Record<FeedId, Record<string, Level>>;
    for (const feed of FEED_IDS) {
      const rule = v.sees?.[feed];
      if (rule === undefined) {
        problems.push(`viewers.${key}: says nothing of ${feed} (name every agency, "hidden" if need be)`);
        continue;
      }
      levels[feed] = levelsOf(rule, feed, `viewers.${key}`, problems);
    }
    viewers.set(key, {
      key,
      purposes: codes.filter((c) => purposes.has(c)).map((c) => purposes.get(c)!),
      breakGlass: v['break-glass'] ?? false,
      sensitiveAddresses: v['sensitive-addresses'] ?? false,
      findPeople: v['find-people'] ?? 'none',
      levels,
    });
  }
  const reports = new Map<Role, readonly ReportTopic[]>();
  for (const [role, topics] of Object.entries(file.reports ?? {}) as [Role, ReportTopic[]][]) {
    reports.set(role, REPORT_TOPICS.filter((t) => topics.includes(t)));
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, agreement: { version: `${file.version}#${digest}`, purposes, viewers, reports } };
}

/** The level at which `viewer` sees `feed`'s `category`; anything the agreement does not name is hidden. */
export function levelFor(viewer: ViewerRules | undefined, feed: FeedId, category: string): Level {
  return viewer?.levels[feed]?.[category] ?? 'hidden';
}

/** The report topics `role` may read. */
export function reportTopicsFor(agreement: Pick<SharingAgreement, 'reports'>, role: Role | string): readonly ReportTopic[] {
  return agreement.reports.get(role as Role) ?? [];
}
