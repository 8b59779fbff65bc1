/**
 * The campaigns file (JSON, format `casba-campagnes`, version 1) that a team exchanges, and the
 * validator of every campaign read back, from a file or from the browser's storage. A file is
 * accepted only when everything in it is valid: unknown keys, wrong types, impossible dates,
 * malformed codes, duplicated ids, `__proto__` / `constructor` / `prototype` keys are each one
 * French line of the error list, which names the path of the value (`campagnes[0].debut`).
 * A file of another kind (a target list, a GeoJSON) is refused in one line.
 * The schema is documented field by field in docs/campaign-json.md.
 */
import {
  CAMPAIGN_ACTIONS,
  type Campaign,
  type CampaignTarget,
  type CampaignTargeting,
  COMPARISON_RULES,
  FOLLOW_UP_STATUSES,
  type FollowUp,
  WINDOW_MONTHS,
} from './campaign.ts';
import { isInseeCommuneCode, isSiren } from './codes.ts';
import { MAX_PRIORITY_WEIGHT, PRIORITY_CRITERIA } from './priority-score.ts';
import { isIsoDate } from './programme-dates.ts';

/** Value of the `format` member. */
const CAMPAIGN_FILE_FORMAT = 'casba-campagnes';
/** Version written, and the only one read. */
const CAMPAIGN_FILE_VERSION = 1;
/** Largest file the browser reads (bytes). */
export const MAX_CAMPAIGN_FILE_BYTES = 5_000_000;

const LIMITS = { campaigns: 500, targets: 5_000, vertices: 10_000, name: 200, text: 5_000 };
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const METHODS = ['clic', 'tableau', 'polygone'] as const;

/** Outcome of a validation: the value, or every problem found (French). */
export type Checked<T> = { ok: true; value: T } | { ok: false; errors: string[] };

type Json = Record<string, unknown>;

function shown(value: unknown): string {
  if (value === undefined) return 'absent';
  if (typeof value === 'string')
    return `« ${value.length > 60 ? `${value.slice(0, 60)}…` : value} »`;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** Walks a JSON value and records each problem with its path. */
class Check {
  readonly errors: string[] = [];

  bad(path: string, expected: string, value: unknown): null {
    this.errors.push(`${path} : ${expected} (reçu : ${shown(value)})`);
    return null;
  }

  record(value: unknown, path: string, keys: readonly string[]): Json | null {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return this.bad(path, 'objet attendu', value);
    }
    const missing = keys.filter((key) => !Object.hasOwn(value, key));
    if (missing.length > 0)
      this.errors.push(`${path} : champ(s) manquant(s) ${missing.join(', ')}`);
    for (const key of Object.keys(value)) {
      if (FORBIDDEN.has(key)) this.errors.push(`${path}.${key} : clé interdite`);
      else if (!keys.includes(key)) {
        this.errors.push(`${path}.${key} : champ inconnu (champs admis : ${keys.join(', ')})`);
      }
    }
    return missing.length > 0 ? null : (value as Json);
  }

  text(value: unknown, path: string, max: number, allowEmpty = false): string | null {
    if (typeof value !== 'string') return this.bad(path, 'texte attendu', value);
    if (!allowEmpty && value.trim() === '') return this.bad(path, 'texte non vide attendu', value);
    if (value.length > max) return this.bad(path, `texte de ${max} caractères au plus`, value);
    return value;
  }

  oneOf<K extends string>(value: unknown, path: string, names: Readonly<Record<K, string>>) {
    if (typeof value === 'string' && Object.hasOwn(names, value)) return value as K;
    return this.bad(path, `une valeur parmi ${Object.keys(names).join(', ')}`, value);
  }

  date(value: unknown, path: string): string | null {
    if (typeof value === 'string' && isIsoDate(value)) return value;
    return this.bad(path, 'date existante au format AAAA-MM-JJ', value);
  }

  integer(value: unknown, path: string, min: number, max: number): number | null {
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) {
      return value;
    }
    return this.bad(path, `entier de ${min} à ${max}`, value);
  }

  list(value: unknown, path: string, max: number, allowEmpty = false): unknown[] | null {
    if (!Array.isArray(value)) return this.bad(path, 'liste attendue', value);
    if (!allowEmpty && value.length === 0) return this.bad(path, 'liste non vide attendue', value);
    if (value.length > max) return this.bad(path, `liste de ${max} éléments au plus`, value.length);
    return value;
  }
}

function readFollowUp(c: Check, value: unknown, path: string): FollowUp | null {
  const o = c.record(value, path, ['statut', 'date', 'note']);
  if (o === null) return null;
  const statut = c.oneOf(o.statut, `${path}.statut`, FOLLOW_UP_STATUSES);
  const date = o.date === null ? null : c.date(o.date, `${path}.date`);
  const note = c.text(o.note, `${path}.note`, LIMITS.text, true);
  if (statut === null || (date === null && o.date !== null) || note === null) return null;
  return { statut, date, note };
}

function readTarget(
  c: Check,
  value: unknown,
  path: string,
  isCode: (code: string) => boolean,
): CampaignTarget | null {
  const o = c.record(value, path, ['code', 'nom', 'suivi']);
  if (o === null) return null;
  const code =
    typeof o.code === 'string' && isCode(o.code)
      ? o.code
      : c.bad(`${path}.code`, 'code de territoire valide', o.code);
  const nom = c.text(o.nom, `${path}.nom`, LIMITS.name);
  const suivi = readFollowUp(c, o.suivi, `${path}.suivi`);
  return code === null || nom === null || suivi === null ? null : { code, nom, suivi };
}

function readPolygon(c: Check, value: unknown, path: string): [number, number][] | null {
  const ring = c.list(value, path, LIMITS.vertices);
  if (ring === null) return null;
  const points = ring.map((point, i): [number, number] | null => {
    const [lon, lat] = Array.isArray(point) ? point : [];
    const valid =
      Array.isArray(point) &&
      point.length === 2 &&
      typeof lon === 'number' &&
      typeof lat === 'number' &&
      Math.abs(lon) <= 180 &&
      Math.abs(lat) <= 90;
    return valid ? [lon, lat] : c.bad(`${path}[${i}]`, 'point [longitude, latitude]', point);
  });
  return points.every((p) => p !== null) ? points : null;
}

/** An `{ <key>, nom }` pair of texts (a dataset, a ranked territory). */
function readNamed<K extends string>(c: Check, value: unknown, path: string, key: K) {
  const o = c.record(value, path, [key, 'nom']);
  if (o === null) return null;
  const id = c.text(o[key], `${path}.${key}`, LIMITS.name);
  const nom = c.text(o.nom, `${path}.nom`, LIMITS.name);
  return id === null || nom === null ? null : ({ [key]: id, nom } as Record<K | 'nom', string>);
}

function readTargeting(c: Check, value: unknown, path: string): CampaignTargeting | null {
  const keys = ['jeu', 'territoire_classe', 'filtres', 'poids', 'methodes', 'polygone'];
  const o = c.record(value, path, keys);
  if (o === null) return null;
  const jeu = readNamed(c, o.jeu, `${path}.jeu`, 'id');
  const parent =
    o.territoire_classe === null
      ? null
      : readNamed(c, o.territoire_classe, `${path}.territoire_classe`, 'code');
  const filtres = c.text(o.filtres, `${path}.filtres`, LIMITS.text, true);
  const weightIds = PRIORITY_CRITERIA.map((criterion) => criterion.id);
  const weightRecord = c.record(o.poids, `${path}.poids`, weightIds);
  const weights = weightIds.map((id) =>
    weightRecord === null
      ? null
      : c.integer(weightRecord[id], `${path}.poids.${id}`, 0, MAX_PRIORITY_WEIGHT),
  );
  const methodList = c.list(o.methodes, `${path}.methodes`, METHODS.length, true);
  const methodes = methodList?.map((m, i) =>
    typeof m === 'string' && (METHODS as readonly string[]).includes(m)
      ? (m as (typeof METHODS)[number])
      : c.bad(`${path}.methodes[${i}]`, `une valeur parmi ${METHODS.join(', ')}`, m),
  );
  const polygone = o.polygone === null ? null : readPolygon(c, o.polygone, `${path}.polygone`);
  if (
    jeu === null ||
    (o.territoire_classe !== null && parent === null) ||
    filtres === null ||
    !weights.every((w) => w !== null) ||
    methodes === undefined ||
    !methodes.every((m) => m !== null) ||
    (o.polygone !== null && polygone === null)
  ) {
    return null;
  }
  return {
    jeu,
    territoire_classe: parent,
    filtres,
    poids: Object.fromEntries(
      weightIds.map((id, i) => [id, weights[i]]),
    ) as CampaignTargeting['poids'],
    methodes,
    polygone,
  };
}

const CAMPAIGN_KEYS = [
  'id',
  'nom',
  'action',
  'debut',
  'fin',
  'niveau',
  'fenetre_mois',
  'comparaison',
  'territoires',
  'ciblage',
  'commentaire',
  'cree_le',
  'modifie_le',
] as const;

function timestamp(c: Check, value: unknown, path: string): string | null {
  if (typeof value === 'string' && TIMESTAMP.test(value) && isIsoDate(value.slice(0, 10))) {
    return value;
  }
  return c.bad(path, 'date et heure ISO 8601 (2020-10-01T09:30:00Z)', value);
}

function readCampaignWith(c: Check, value: unknown, path: string): Campaign | null {
  const o = c.record(value, path, CAMPAIGN_KEYS);
  if (o === null) return null;
  const id =
    typeof o.id === 'string' && ID.test(o.id)
      ? o.id
      : c.bad(`${path}.id`, 'identifiant de 1 à 64 lettres, chiffres, « - » ou « _ »', o.id);
  const nom = c.text(o.nom, `${path}.nom`, LIMITS.name);
  const action = c.oneOf(o.action, `${path}.action`, CAMPAIGN_ACTIONS);
  const debut = c.date(o.debut, `${path}.debut`);
  const fin = c.date(o.fin, `${path}.fin`);
  if (debut !== null && fin !== null && fin < debut) {
    c.errors.push(`${path}.fin : la fin (${fin}) précède le début (${debut})`);
  }
  const niveau = c.oneOf(o.niveau, `${path}.niveau`, { commune: '', epci: '' });
  const fenetre = c.integer(
    o.fenetre_mois,
    `${path}.fenetre_mois`,
    WINDOW_MONTHS.min,
    WINDOW_MONTHS.max,
  );
  const comparaison = c.oneOf(o.comparaison, `${path}.comparaison`, COMPARISON_RULES);
  if (niveau === 'epci' && comparaison === 'meme_epci') {
    c.errors.push(`${path}.comparaison : « meme_epci » ne s’applique qu’à des communes`);
  }
  const isCode = niveau === 'epci' ? isSiren : isInseeCommuneCode;
  const targetList = c.list(o.territoires, `${path}.territoires`, LIMITS.targets);
  const targets = targetList?.map((t, i) => readTarget(c, t, `${path}.territoires[${i}]`, isCode));
  const seen = new Set<string>();
  targets?.forEach((target, i) => {
    if (target === null) return;
    if (seen.has(target.code))
      c.errors.push(`${path}.territoires[${i}].code : « ${target.code} » en double`);
    seen.add(target.code);
  });
  const ciblage = o.ciblage === null ? null : readTargeting(c, o.ciblage, `${path}.ciblage`);
  const commentaire = c.text(o.commentaire, `${path}.commentaire`, LIMITS.text, true);
  const cree = timestamp(c, o.cree_le, `${path}.cree_le`);
  const modifie = timestamp(c, o.modifie_le, `${path}.modifie_le`);
  if (
    id === null ||
    nom === null ||
    action === null ||
    debut === null ||
    fin === null ||
    niveau === null ||
    fenetre === null ||
    comparaison === null ||
    targets === undefined ||
    !targets.every((t) => t !== null) ||
    (o.ciblage !== null && ciblage === null) ||
    commentaire === null ||
    cree === null ||
    modifie === null
  ) {
    return null;
  }
  return {
    id,
    nom,
    action,
    debut,
    fin,
    niveau,
    fenetre_mois: fenetre,
    comparaison,
    territoires: targets,
    ciblage,
    commentaire,
    cree_le: cree,
    modifie_le: modifie,
  };
}

/** Validates one campaign (a record of the browser's storage, or a file's element). */
export function parseCampaign(value: unknown, path = 'campagne'): Checked<Campaign> {
  const c = new Check();
  const campaign = readCampaignWith(c, value, path);
  return campaign !== null && c.errors.length === 0
    ? { ok: true, value: campaign }
    : { ok: false, errors: c.errors };
}

/** Validates a parsed campaigns file; see the module documentation. */
export function parseCampaignFile(json: unknown): Checked<Campaign[]> {
  const head = typeof json === 'object' && json !== null ? (json as Json) : {};
  if (head.format !== CAMPAIGN_FILE_FORMAT) {
    return {
      ok: false,
      errors: [
        `Ce fichier n’est pas un fichier de campagnes CaSBa : le champ « format » doit valoir « ${CAMPAIGN_FILE_FORMAT} » (reçu : ${shown(head.format)}).`,
      ],
    };
  }
  if (head.version !== CAMPAIGN_FILE_VERSION) {
    return {
      ok: false,
      errors: [
        `version : ${shown(head.version)} non prise en charge (ce tableau de bord lit la version ${CAMPAIGN_FILE_VERSION}).`,
      ],
    };
  }
  const c = new Check();
  const o = c.record(json, 'fichier', ['format', 'version', 'exporte_le', 'campagnes']);
  if (o !== null) timestamp(c, o.exporte_le, 'exporte_le');
  const items = o === null ? null : c.list(o.campagnes, 'campagnes', LIMITS.campaigns, true);
  const campaigns = (items ?? []).map((item, i) => readCampaignWith(c, item, `campagnes[${i}]`));
  const ids = new Set<string>();
  campaigns.forEach((campaign, i) => {
    if (campaign === null) return;
    if (ids.has(campaign.id)) c.errors.push(`campagnes[${i}].id : « ${campaign.id} » en double`);
    ids.add(campaign.id);
  });
  if (c.errors.length > 0 || items === null) return { ok: false, errors: c.errors };
  return { ok: true, value: campaigns.filter((x): x is Campaign => x !== null) };
}

/** Reads the text of a campaigns file: JSON syntax, then {@link parseCampaignFile}. */
export function readCampaignFileText(text: string): Checked<Campaign[]> {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return {
      ok: false,
      errors: [`Fichier illisible : ce n’est pas du JSON (${(error as Error).message}).`],
    };
  }
  return parseCampaignFile(json);
}

/** The campaigns file, indented, ending with a newline. */
export function campaignFileText(campaigns: readonly Campaign[], exportedAt: string): string {
  const file = {
    format: CAMPAIGN_FILE_FORMAT,
    version: CAMPAIGN_FILE_VERSION,
    exporte_le: exportedAt,
    campagnes: campaigns,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}
