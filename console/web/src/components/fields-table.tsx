import type { SchemaField } from '../api-types.ts';

/** A schema's fields: path, type, default and doc; `marks` highlights rows a diff names. */
export function FieldsTable({ fields, marks = new Map() }: { fields: readonly SchemaField[]; marks?: ReadonlyMap<string, string> }) {
  if (fields.length === 0) return <p class="footnote">No fields: the schema is not a record.</p>;
  return (
    <table class="grid fields" data-testid="fields">
      <thead>
        <tr><th>Field</th><th>Type</th><th>Default</th><th>Doc</th></tr>
      </thead>
      <tbody>
        {fields.map((f) => (
          <tr key={f.path} class={marks.get(f.path) ?? ''}>
            <td class="mono">{f.path}</td>
            <td class="mono">{f.type}</td>
            <td class="mono">{f.default ?? ''}</td>
            <td>{f.doc ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
