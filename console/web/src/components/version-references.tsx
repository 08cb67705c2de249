import type { SubjectVersion, VersionDetail } from '../api-types.ts';
import { href } from '../route.ts';
import './impact.css';

const link = (v: SubjectVersion) => <a href={href('subjects', v.subject, { version: String(v.version) })}>{v.subject} v{v.version}</a>;

/** The schemas a version references, and the subject versions referencing it. */
export function VersionReferences({ version }: { version: VersionDetail }) {
  return (
    <div class="references" data-testid="references">
      <h3>References</h3>
      {version.references.length === 0 ? (
        <p class="footnote">This schema references no other schema.</p>
      ) : (
        <ul data-testid="references-out">
          {version.references.map((r) => <li key={r.name}><span class="mono">{r.name}</span> → {link(r)}</li>)}
        </ul>
      )}
      <h3>Referenced by</h3>
      {version.referencedBy.length === 0 ? (
        <p class="footnote">No schema references this version.</p>
      ) : (
        <ul data-testid="referenced-by">
          {version.referencedBy.map((r) => <li key={`${r.subject}/${r.version}`}>{link(r)}</li>)}
        </ul>
      )}
    </div>
  );
}
