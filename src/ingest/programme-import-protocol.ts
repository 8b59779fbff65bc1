/**
 * Messages between the page and the programme import worker. The worker reads the three CSV
 * files (from asset URLs or the user's files) with src/ingest/programme-csv.ts, against the COG
 * reference read from DuckDB by the page, exactly as the command line does in Node.
 */
import type { ProgrammeConfig } from '../domain/programme-config.ts';
import type { ProgrammeData } from '../domain/programme-data.ts';
import type {
  CommuneReferenceRow,
  CommuneSuccessorRow,
  EpciReferenceRow,
} from '../sql/programme-reference-sql.ts';
import type { ProgrammeFiles, ProgrammeImportReport } from './programme-csv.ts';

/** Where one file comes from: an absolute URL (demo assets) or a file picked by the user. */
export type ProgrammeInput = { url: string } | { file: File };

/** What the worker is asked to read. */
export interface ProgrammeImportRequest {
  inputs: ProgrammeFiles<ProgrammeInput>;
  /** File names, for messages. */
  names: ProgrammeFiles<string>;
  /** What the import takes from the programme configuration. */
  config: Pick<ProgrammeConfig, 'calendar' | 'partner_regions' | 'work_types'>;
  /** Names the reference in messages (« COG 2026 »). */
  referenceName: string;
  communes: CommuneReferenceRow[];
  epcis: EpciReferenceRow[];
  /** COG history: absorbed commune code → current commune. */
  successors: CommuneSuccessorRow[];
}

/** What the worker answers, once. */
export type ProgrammeImportResponse =
  | {
      status: 'done';
      data: ProgrammeData;
      reports: ProgrammeFiles<ProgrammeImportReport>;
      elapsedMs: number;
    }
  | { status: 'failed'; message: string; file?: string };
