import type { ProjectMember, UserRef } from '../../../lib/api-types.ts';

type Props = { assignees: UserRef[]; members: ProjectMember[]; disabled: boolean; onChange: (ids: number[]) => void };

export function AssigneesEditor({ assignees, members, disabled, onChange }: Props) {
  const ids = assignees.map((a) => a.id);
  const candidates = members.filter((m) => !ids.includes(m.id));
  return (
    <>
      <ul className="chips" aria-label="Assignees">
        {assignees.length === 0 ? <li className="muted small">Nobody</li> : null}
        {assignees.map((a) => (
          <li key={a.id} className="person-chip">
            {a.name}
            <button
              type="button"
              className="chip-remove"
              aria-label={`Unassign ${a.name}`}
              disabled={disabled}
              onClick={() => onChange(ids.filter((id) => id !== a.id))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <select
        aria-label="Assign someone"
        value=""
        disabled={disabled || candidates.length === 0}
        onChange={(e) => e.target.value && onChange([...ids, Number(e.target.value)])}
      >
        <option value="">Assign…</option>
        {candidates.map((m) => (
          <option key={m.id} value={String(m.id)}>
            {m.name} (@{m.username})
          </option>
        ))}
      </select>
    </>
  );
}
