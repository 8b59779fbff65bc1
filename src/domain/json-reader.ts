/**
 * The one way this project validates parsed JSON (configuration, campaign files, manifests…): a
 * small reader that walks the value, records every problem in French with the path of the value
 * concerned, refuses keys that would rewrite a prototype, and lets each file state its own
 * wording. See the README (« Comment contribuer / étendre ») for why it is not a schema library.
 */

/** A parsed JSON object. */
type JsonObject = Record<string, unknown>;

/**
 * Keys that, merged into an object, would rewrite its prototype. Readers copy values one by one
 * and never merge, but a file carrying them is tampered with, not commented.
 */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Whether a JSON value is an object (not null, not a list). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value as quoted in a message: `« text »`, JSON otherwise, `absent` when undefined. */
export function describeJson(value: unknown, max = Number.POSITIVE_INFINITY): string {
  if (value === undefined) return 'absent';
  const cut = (text: string) => (text.length > max ? `${text.slice(0, max)}…` : text);
  if (typeof value === 'string') return `« ${cut(value)} »`;
  try {
    return cut(JSON.stringify(value) ?? String(value));
  } catch {
    return String(value);
  }
}

/** Collects French errors, each naming the path of the offending value. */
export class JsonReader {
  readonly errors: string[] = [];

  /** Records `${path} ${message}`. */
  fail(path: string, message: string): void {
    this.errors.push(`${path} ${message}`);
  }

  /**
   * An object whose keys are among `keys` (keys starting with `_` are comments); every unknown or
   * forbidden key is an error, but the object is still returned so that its fields are read.
   */
  object(value: unknown, path: string, keys: readonly string[]): JsonObject | null {
    if (!isJsonObject(value)) {
      this.fail(path, `doit être un objet (reçu : ${describeJson(value)})`);
      return null;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) {
        this.fail(
          `${path}.${key}`,
          ': clé interdite (elle pourrait modifier les objets JavaScript)',
        );
      } else if (!key.startsWith('_') && !keys.includes(key)) {
        this.fail(`${path}.${key}`, `: clé inconnue (clés attendues : ${keys.join(', ')})`);
      }
    }
    return value;
  }

  /** A list, not empty unless `allowEmpty`. */
  list(value: unknown, path: string, allowEmpty = false): unknown[] | null {
    if (!Array.isArray(value)) {
      this.fail(path, `doit être une liste (reçu : ${describeJson(value)})`);
      return null;
    }
    if (value.length === 0 && !allowEmpty) {
      this.fail(path, 'doit contenir au moins un élément');
      return null;
    }
    return value;
  }

  /** A non-blank text. */
  text(value: unknown, path: string): string | null {
    if (typeof value !== 'string' || value.trim() === '') {
      this.fail(path, `doit être un texte non vide (reçu : ${describeJson(value)})`);
      return null;
    }
    return value;
  }

  /** Every element of a list read with `read`; null when the list or any element is invalid. */
  each<T>(
    value: unknown,
    path: string,
    read: (item: unknown, path: string) => T | null,
    allowEmpty = false,
  ): T[] | null {
    const items = this.list(value, path, allowEmpty);
    if (items === null) return null;
    const out = items.map((item, i) => read(item, `${path}[${i}]`));
    return out.every((x): x is T => x !== null) ? out : null;
  }

  /** Records an error for each `id` seen before in `items`. */
  uniqueIds(items: readonly { id: string }[], path: string): void {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id))
        this.fail(`${path}[${i}].id`, `: identifiant « ${item.id} » en double`);
      seen.add(item.id);
    });
  }
}

/** Whether every field of a record read field by field is set (no null left by a failed read). */
export function allSet<T extends object>(o: { [K in keyof T]: T[K] | null }): o is T {
  return Object.values(o).every((v) => v !== null);
}
