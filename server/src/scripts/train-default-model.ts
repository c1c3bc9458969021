// Writes default-model.json: the starting model mast uses until a deployment has enough records
// of its own to train on (MIN_TRAINING_RECORDS). Trained the same unsupervised way, on the
// synthetic borough's feed rows (never its ground truth). A script, not part of the matcher:
// pnpm exec tsx server/src/scripts/train-default-model.ts
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FEED_CONTRACTS, FEED_IDS, checkRow } from '@mast/shared';
import { generateBorough } from '../demo/generate.ts';
import { readCsvRows } from '../feeds/csv-rows.ts';
import { openUtf8File } from '../feeds/file-guard.ts';
import { normalisePostcode } from '../matching/address-normalise.ts';
import { linkRecords, modelToJson, type PersonRecord } from '../matching/people/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'mast-model-'));
try {
  const gen = await generateBorough({ outDir: dir, seed: 11, scale: 0.5, asOf: '2026-06-30' });
  const people: PersonRecord[] = [];
  for (const feed of FEED_IDS) {
    const { rows } = await readCsvRows(openUtf8File(gen.files.feeds[feed]));
    for await (const row of rows) {
      const checked = checkRow(FEED_CONTRACTS[feed], row.cells);
      if (!checked.ok || !checked.record.person) continue;
      const p = checked.record.person;
      people.push({
        id: `${feed}:${checked.record.sourceId}`,
        givenName: p.givenName,
        familyName: p.familyName,
        dateOfBirth: p.dateOfBirth,
        sex: p.sex,
        nhsNumber: p.nhsNumber,
        uprn: checked.record.uprn,
        street: checked.record.address,
        postcode: normalisePostcode(checked.record.postcode) ?? undefined,
      });
    }
  }
  const { model } = linkRecords(people, { termFrequency: true });
  const target = new URL('../matching/people/default-model.json', import.meta.url);
  writeFileSync(target, `${JSON.stringify(JSON.parse(modelToJson(model)), null, 1)}\n`);
  console.log(`trained on ${people.length} records; wrote ${target.pathname}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
