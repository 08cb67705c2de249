import { useState } from 'preact/hooks';
import { api, toFailure, type ApiFailure } from '../api.ts';
import { ErrorPanel } from './state-panels.tsx';

export const LEVELS = ['BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE', 'NONE'] as const;

/** A compatibility level and, unless the console is read-only, a control to change it. */
export function CompatibilityEditor({ level, path, readOnly, onSaved, label }: { level: string; path: string; readOnly: boolean; onSaved: () => void; label: string }) {
  const [chosen, setChosen] = useState(level);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | undefined>();
  const save = async () => {
    setSaving(true);
    setFailure(undefined);
    try {
      await api(path, { method: 'PUT', body: { compatibility: chosen } });
      onSaved();
    } catch (error) {
      setFailure(toFailure(error));
    } finally {
      setSaving(false);
    }
  };
  return (
    <div class="compatibility">
      <span class="label">{label}</span> <span class="badge level" data-testid="compatibility-level">{level}</span>
      {readOnly ? null : (
        <span class="edit" data-write-control>
          <select aria-label={`new ${label.toLowerCase()}`} value={chosen} onChange={(e) => { setChosen(e.currentTarget.value); }}>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
          <button type="button" disabled={saving || chosen === level} onClick={() => void save()}>
            {saving ? 'Saving…' : 'Change'}
          </button>
        </span>
      )}
      {failure === undefined ? null : <ErrorPanel failure={failure} />}
    </div>
  );
}
