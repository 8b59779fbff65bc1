import {
  type ColumnMapping,
  MAPPING_FIELD_LABELS,
  MAPPING_FIELDS,
  type MappingField,
} from '../ingest/formats/mapped-format.ts';

/** Props of {@link MappingFields}. */
export interface MappingFieldsProps {
  /** The file's columns, as written in its header. */
  columns: readonly string[];
  mapping: ColumnMapping;
  onChange: (mapping: ColumnMapping) => void;
}

/** One select per canonical field, listing the file's columns (or none). */
export function MappingFields({ columns, mapping, onChange }: MappingFieldsProps) {
  const set = (field: MappingField, column: string) => {
    const next = { ...mapping };
    if (column === '') delete next[field];
    else next[field] = column;
    onChange(next);
  };
  return (
    <table className="mapping-fields" data-testid="mapping-fields">
      <thead>
        <tr>
          <th scope="col">Information</th>
          <th scope="col">Colonne du fichier</th>
        </tr>
      </thead>
      <tbody>
        {MAPPING_FIELDS.map((field) => {
          const id = `mapping-${field}`;
          return (
            <tr key={field}>
              <th scope="row">
                <label htmlFor={id}>{MAPPING_FIELD_LABELS[field]}</label>
              </th>
              <td>
                <select
                  id={id}
                  data-testid={id}
                  value={mapping[field] ?? ''}
                  onChange={(event) => set(field, event.target.value)}
                >
                  <option value="">— aucune —</option>
                  {columns.map((column, k) => (
                    // Duplicate header names are possible: the index keeps keys unique.
                    // biome-ignore lint/suspicious/noArrayIndexKey: see above
                    <option key={`${column}-${k}`} value={column}>
                      {column}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
