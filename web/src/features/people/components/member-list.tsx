import { ConfirmButton } from '../../../components/confirm-button.tsx';
import { ErrorMessage } from '../../../components/error-message.tsx';
import { Loading } from '../../../components/spinner.tsx';
import { ACCESS_LEVELS, accessLevelName } from '../../../lib/admin-api-types.ts';
import { useChangeMember, useMembers, useRemoveMember } from '../api/members.ts';
import '../people.css';

/** The project's members; maintainers change roles and remove people in place. */
export function MemberList({ project, canManage, currentUserId }: { project: string; canManage: boolean; currentUserId: number | undefined }) {
  const members = useMembers(project);
  const change = useChangeMember(project);
  const remove = useRemoveMember(project);
  if (members.isPending) return <Loading />;
  if (members.error) return <ErrorMessage error={members.error} />;
  return (
    <div className="stack">
      {change.error ? <ErrorMessage error={change.error} /> : null}
      {remove.error ? <ErrorMessage error={remove.error} /> : null}
      <ul className="people-list" aria-label="Members">
        {members.data.map((member) => (
          <li key={member.id} className="people-row">
            <span className="people-who">
              <span className="people-name">{member.name}</span>
              <span className="muted mono small">@{member.username}</span>
              {member.id === currentUserId ? <span className="badge">you</span> : null}
            </span>
            {canManage ? (
              <>
                <select
                  aria-label={`Role of ${member.username}`}
                  value={member.access_level}
                  disabled={change.isPending}
                  onChange={(e) => change.mutate({ userId: member.id, accessLevel: Number(e.target.value) })}
                >
                  {ACCESS_LEVELS.map((level) => (
                    <option key={level.value} value={level.value}>
                      {level.label}
                    </option>
                  ))}
                </select>
                <ConfirmButton
                  label={`Remove ${member.username}`}
                  text="Remove"
                  confirmLabel={`Remove ${member.username} from the project`}
                  disabled={remove.isPending}
                  onConfirm={() => remove.mutate(member.id)}
                />
              </>
            ) : (
              <span className="badge">{accessLevelName(member.access_level)}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
