/**
 * `npm run simulate -- --url http://localhost:3000 --token … [--rate 1] [--days 35] [--seed 1] [--no-live]`
 * Feeds a running server through its public API, like a source system would.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DEFAULT_SEED, startSimulator } from './simulator.js';

const USAGE = `usage: npm run simulate -- --url <server URL> --token <admin token> [options]

  --url <url>       the server, e.g. http://localhost:3000 (env SIMULATE_URL)
  --token <token>   a token that may read the catalogs and post events: an admin token (env ADMIN_TOKEN)
  --rate <n>        city-wide volume relative to a real city, > 0 (default SIMULATE_RATE or 1 ≈ 3000 dossiers a working day)
  --days <n>        days to backfill, today included, 0–400 (default SIMULATE_BACKFILL_DAYS or 35)
  --seed <n>        the same seed gives the same events and ids: a re-run only adds duplicates (default ${DEFAULT_SEED})
  --no-live         stop after the backfill
  --no-progress     plain log lines instead of a progress bar
  --help`;

const number = (name: string) =>
  z
    .string({ error: `--${name} needs a value` })
    .trim()
    .refine((v) => v !== '' && Number.isFinite(Number(v)), `--${name} must be a number`)
    .transform(Number);

const argsSchema = z.object({
  url: z.url({ protocol: /^https?$/, error: '--url must be an http(s) URL, e.g. http://localhost:3000' }),
  token: z.string({ error: '--token is required (or set ADMIN_TOKEN)' }).min(1, '--token is required'),
  rate: number('rate').pipe(z.number().positive('--rate must be above 0').max(1000, '--rate must be at most 1000')),
  days: number('days').pipe(z.int('--days must be a whole number').min(0, '--days must be 0 or more').max(400, '--days must be at most 400')),
  seed: number('seed').pipe(z.int('--seed must be a whole number').min(0, '--seed must be 0 or more')).optional(),
  live: z.boolean(),
  progress: z.boolean().optional(),
});

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function parse() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        url: { type: 'string' },
        token: { type: 'string' },
        rate: { type: 'string' },
        days: { type: 'string' },
        seed: { type: 'string' },
        'no-live': { type: 'boolean', default: false },
        'no-progress': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const result = argsSchema.safeParse({
    url: values.url ?? process.env.SIMULATE_URL,
    token: values.token ?? process.env.ADMIN_TOKEN,
    rate: values.rate ?? process.env.SIMULATE_RATE ?? '1',
    days: values.days ?? process.env.SIMULATE_BACKFILL_DAYS ?? '35',
    seed: values.seed,
    live: !values['no-live'],
    progress: values['no-progress'] ? false : undefined,
  });
  if (!result.success) fail(result.error.issues.map((issue) => issue.message).join('\n'));
  return result.data;
}

async function main(): Promise<void> {
  const args = parse();
  const simulator = startSimulator({
    url: args.url,
    token: args.token,
    rate: args.rate,
    backfillDays: args.days,
    seed: args.seed,
    live: args.live,
    progress: args.progress,
  });
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    simulator.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  await simulator.done;
  if (!args.live) await simulator.stop();
}

main().catch((error: unknown) => {
  process.stderr.write(`simulate: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
