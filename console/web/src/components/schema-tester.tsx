import { useState } from 'preact/hooks';
import { api, ApiFailure, toFailure } from '../api.ts';
import type { CompatibilityTest } from '../api-types.ts';
import { ErrorPanel } from './state-panels.tsx';

/** "Test a new schema": the registry judges it against the subject's rules, and says why not. */
export function SchemaTester({ subject, initial }: { subject: string; initial: string }) {
  const [text, setText] = useState(initial);
  const [verdict, setVerdict] = useState<CompatibilityTest | ApiFailure | undefined>();
  const [testing, setTesting] = useState(false);
  const test = async () => {
    setTesting(true);
    try {
      setVerdict(await api<CompatibilityTest>(`subjects/${encodeURIComponent(subject)}/compatibility-test`, { method: 'POST', body: { schema: text } }));
    } catch (error) {
      setVerdict(toFailure(error));
    } finally {
      setTesting(false);
    }
  };
  return (
    <div class="tester">
      <h2>Test a new schema</h2>
      <textarea aria-label="new schema" rows={12} spellcheck={false} value={text} onInput={(e) => { setText(e.currentTarget.value); setVerdict(undefined); }} />
      <button type="button" disabled={testing} onClick={() => void test()}>{testing ? 'Testing…' : 'Test compatibility'}</button>
      {verdict === undefined ? null : verdict instanceof ApiFailure ? (
        <ErrorPanel failure={verdict} />
      ) : verdict.compatible ? (
        <div class="panel ok" data-testid="verdict">{verdict.newSubject ? 'The subject has no live version: any schema is accepted.' : 'Compatible: the registry would accept this schema.'}</div>
      ) : (
        <div class="panel refused" data-testid="verdict">
          <h3>Incompatible: the registry would refuse this schema</h3>
          <ul>{verdict.reasons.map((r) => <li key={r}>{r}</li>)}</ul>
        </div>
      )}
    </div>
  );
}
