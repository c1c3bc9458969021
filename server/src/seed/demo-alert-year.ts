// A year of alerts on the demo borough's live data, made as they would have been: the shipped
// rules evaluated every `everyDays` days (28 by default) across the past year as of that day
// (evaluateAlertRules, as the nightly job does; each run stands for the nights since the last, as
// a run every night cost more at start-up than the demo is worth), and a lead-team user of the alert's organisation acknowledging and
// closing a realistic share of them (actOnAlert) at past times, in time order, so that an alert
// closed before an evaluation is raised again only by newer contacts, as it would have been.
// Steps due after `now` are not taken: recent alerts stay open. The demo's named households
// (27 Mill Lane, Beech Court) keep their alerts open, for the walk-through and the tests.
import { actOnAlert, evaluateAlertRules, rows, sql, type Database, type Db } from '@mast/db';
import type { AlertRules } from '@mast/shared';
import { BEECH_COURT_FLAT_UPRNS, BEECH_COURT_UPRN, CASE_STUDY_UPRN, QUIET_HOUSE_UPRN } from '../demo/fixtures.ts';
import { decideOutcome } from '../demo/history.ts';
import { Rng } from '../demo/prng.ts';

const DAY_MS = 86_400_000;
const NAMED = new Set([CASE_STUDY_UPRN, QUIET_HOUSE_UPRN, BEECH_COURT_UPRN, ...BEECH_COURT_FLAT_UPRNS]);

export interface AlertYear {
  evaluations: number;
  raised: number;
  acknowledged: number;
  closed: number;
  /** Seconds spent evaluating the rules, and acting on alerts. */
  evaluating: number;
  acting: number;
}

interface Step {
  at: Date;
  alertId: number;
  organisationId: number;
  step: 'acknowledged' | 'closed';
  reason?: string;
}

export async function replayAlertYear(database: Database, opts: { rules: AlertRules; now: Date; seed: number; everyDays?: number }): Promise<AlertYear> {
  // One transaction: nothing else runs before the demo is loaded, and on PGlite a commit per
  // step cost more than the step.
  return database.db.transaction((tx) => replay(tx as unknown as Db, opts));
}

async function replay(db: Db, opts: { rules: AlertRules; now: Date; seed: number; everyDays?: number }): Promise<AlertYear> {
  const every = opts.everyDays ?? 28;
  const rng = new Rng(opts.seed, 'alert-year');
  const today = Math.floor(opts.now.getTime() / DAY_MS);
  // Who acts for each organisation: a demo user of it, practitioners and responders first. With
  // no demo accounts (a shared database) alerts are raised but none is acted on.
  const actors = new Map(
    (
      await rows<{ organisation_id: number; id: number }>(
        db,
        sql`SELECT DISTINCT ON (organisation_id) organisation_id, id FROM users
            ORDER BY organisation_id, (role IN ('practitioner', 'responder')) DESC, id`,
      )
    ).map((u) => [u.organisation_id, u.id]),
  );
  const result: AlertYear = { evaluations: 0, raised: 0, acknowledged: 0, closed: 0, evaluating: 0, acting: 0 };
  let pending: Step[] = [];

  const takeSteps = async (until: Date) => {
    const t0 = performance.now();
    const due = pending.filter((s) => s.at <= until).sort((a, b) => a.at.getTime() - b.at.getTime());
    pending = pending.filter((s) => s.at > until);
    for (const s of due) {
      const userId = actors.get(s.organisationId);
      if (userId === undefined) continue;
      const act = s.step === 'closed' ? ({ step: 'closed', reason: s.reason! } as const) : ({ step: 'acknowledged' } as const);
      // Null when the alert has since passed to another organisation's team: then not this user's to act on.
      const done = await actOnAlert(db, { id: s.alertId, organisationId: s.organisationId, userId, at: s.at, ...act });
      if (done) result[s.step]++;
    }
    result.acting += (performance.now() - t0) / 1000;
  };

  for (let day = today - 364 + every; day < today; day += every) {
    // The nightly run's time, a little after midnight.
    const at = new Date(day * DAY_MS + 30 * 60_000);
    await takeSteps(at);
    const t0 = performance.now();
    await evaluateAlertRules(db, opts.rules, at.toISOString().slice(0, 10), at);
    result.evaluations++;
    result.evaluating += (performance.now() - t0) / 1000;
    const raised = await rows<{ id: number; uprn: string | null; organisation_id: number }>(
      db,
      sql`SELECT a.id::int AS id, a.uprn::text AS uprn, t.organisation_id FROM alerts a JOIN teams t ON t.id = a.lead_team_id
          WHERE a.raised_at = ${at.toISOString()}::timestamptz ORDER BY a.id`,
    );
    result.raised += raised.length;
    for (const a of raised) {
      const o = { raisedDay: day, hoursToAcknowledge: null as number | null, closedDay: null as number | null, closedReason: null as string | null };
      decideOutcome(rng, o);
      if (a.uprn !== null && NAMED.has(a.uprn)) continue;
      const ackAt = o.hoursToAcknowledge === null ? null : new Date(at.getTime() + (o.hoursToAcknowledge * 60 + rng.int(60)) * 60_000);
      if (ackAt && ackAt < opts.now) pending.push({ at: ackAt, alertId: a.id, organisationId: a.organisation_id, step: 'acknowledged' });
      if (o.closedDay !== null) {
        // In working hours of the closing day, and after the acknowledgement.
        const closeAt = new Date(Math.max(o.closedDay * DAY_MS + (9 + rng.int(8)) * 3600_000, (ackAt ?? at).getTime() + 3600_000));
        if (closeAt < opts.now) pending.push({ at: closeAt, alertId: a.id, organisationId: a.organisation_id, step: 'closed', reason: o.closedReason! });
      }
    }
  }
  await takeSteps(opts.now);
  return result;
}
