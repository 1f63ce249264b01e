// /projects/:path/members — who works in the project and with which role; maintainers change it.
import { useParams } from 'react-router';
import { Loading } from '../../components/spinner.tsx';
import { useSession } from '../../features/auth/api/get-session.ts';
import { AddMemberForm } from '../../features/people/components/add-member-form.tsx';
import { MemberList } from '../../features/people/components/member-list.tsx';
import { useProjectRole } from '../../features/people/hooks/use-project-role.ts';
import { ProjectPageHeader } from './project-page-header.tsx';

export function ProjectMembersRoute() {
  const project = useParams().path ?? '';
  const user = useSession().data?.user;
  const role = useProjectRole(project, user);
  return (
    <div className="page narrow-page">
      <ProjectPageHeader project={project} title="Members" />
      {role.isPending ? (
        <Loading />
      ) : (
        <>
          <section className="admin-section" aria-labelledby="members-heading">
            <h2 id="members-heading">Members</h2>
            <MemberList project={project} canManage={role.canManage} currentUserId={user?.id} />
          </section>
          {role.canManage ? (
            <section className="admin-section" aria-labelledby="add-member-heading">
              <h2 id="add-member-heading">Add a member</h2>
              <AddMemberForm project={project} />
              <p className="muted small">Reporters and up work tickets and see customers' addresses; maintainers also manage settings and members.</p>
            </section>
          ) : (
            <p className="notice">Only maintainers can add, change or remove members.</p>
          )}
        </>
      )}
    </div>
  );
}
