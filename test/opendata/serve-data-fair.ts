/**
 * Serves the data-fair test server over the real Lyon sample for manual checks and timings:
 * `npx tsx test/opendata/serve-data-fair.ts [PORT]` prints the dataset URL to give to
 * `ADEME_DPE_API`, then serves until interrupted. Listens on 127.0.0.1 only.
 */
import { startDataFairServer } from './data-fair-server.ts';
import { lyonDpeRecords } from './dpe-fixture.ts';

const port = Number(process.argv[2] ?? 0);
const server = await startDataFairServer(await lyonDpeRecords(), undefined, port);
process.stdout.write(`${server.base}\n`);
process.on('SIGINT', () => {
  process.stdout.write(`${server.requests.length} requête(s) servie(s)\n`);
  void server.close().then(() => process.exit(0));
});
