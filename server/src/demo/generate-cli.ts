// `pnpm mast generate`: writes a synthetic borough to a folder and prints what it made.
import { generateBorough, type GenerateOptions } from './generate.ts';
import { checkMonths } from './history.ts';

const FLAGS: Record<string, keyof Omit<GenerateOptions, 'outDir'> | 'out'> = {
  '--seed': 'seed',
  '--scale': 'scale',
  '--out': 'out',
  '--as-of': 'asOf',
  '--police-rows': 'policeRows',
  '--months': 'months',
};

export function parseGenerateArgs(argv: string[]): GenerateOptions {
  const opts: GenerateOptions = { outDir: './demo' };
  for (let i = 0; i < argv.length; i++) {
    let flag = argv[i]!;
    let value: string | undefined;
    if (flag.includes('=')) [flag, value] = [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)];
    else value = argv[++i];
    const key = FLAGS[flag];
    if (!key) throw new Error(`unknown option ${flag} (options: ${Object.keys(FLAGS).join(', ')})`);
    if (value === undefined || value === '') throw new Error(`${flag} needs a value`);
    if (key === 'out') opts.outDir = value;
    else if (key === 'asOf') opts.asOf = value;
    else {
      const n = Number(value);
      if (!Number.isFinite(n)) throw new Error(`${flag} must be a number`);
      opts[key] = n;
    }
  }
  if (opts.months !== undefined) checkMonths(opts.months);
  return opts;
}

export async function runGenerate(opts: GenerateOptions): Promise<void> {
  const started = performance.now();
  const { outDir, counts } = await generateBorough(opts);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const n = (k: string) => (counts[k] ?? 0).toLocaleString('en-GB');
  console.log(`Synthetic borough written to ${outDir} in ${seconds} s (seed ${opts.seed ?? 1}, scale ${opts.scale ?? 1}, ${opts.months ?? 12} months).`);
  console.log(`  gazetteer.csv  ${n('addresses')} addresses (${n('parent-addresses')} buildings with flats), ${n('streets')} streets, ${n('postcodes')} postcodes`);
  console.log(`  residents      ${n('residents')} people in ${n('households')} households (${n('troubled-households')} troubled)`);
  console.log(`  teams.csv      ${n('teams')} partner teams`);
  console.log(`  feeds/police.csv            ${n('police')} incidents (${n('rejected-police')} invalid on purpose)`);
  console.log(`  feeds/nhs.csv               ${n('nhs')} rows: ${n('nhs-attended')} attendances, ${n('nhs-did-not-attend')} did-not-attends (${n('rejected-nhs')} invalid)`);
  console.log(`  feeds/fire.csv              ${n('fire')} incidents (${n('rejected-fire')} invalid)`);
  console.log(`  feeds/council-children.csv  ${n('council-children')} open cases`);
  console.log(`  feeds/council-adults.csv    ${n('council-adults')} open cases`);
  console.log(`  truth.csv      the true UPRN and person behind every feed row`);
  const months = opts.months ?? 12;
  if (months > 12) {
    console.log(`  history/involvements.csv  ${n('history-involvements')} contacts and closed cases in the ${months - 12} months before the feeds' year (months only)`);
    console.log(`  history/alerts.csv        ${n('history-alerts')} alerts the shipped rules raised on them, and what came of each`);
  }
}
