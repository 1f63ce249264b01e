// /projects/:path/settings/service_desk — maintainers edit, everyone else from reporter up reads.
import { useParams } from 'react-router';
import { Loading } from '../../components/spinner.tsx';
import { useSession } from '../../features/auth/api/get-session.ts';
import { useProjectRole } from '../../features/people/hooks/use-project-role.ts';
import { ServiceDeskSettings } from '../../features/service-desk-settings/components/service-desk-settings.tsx';
import { ProjectPageHeader } from './project-page-header.tsx';

export function ServiceDeskSettingsRoute() {
  const project = useParams().path ?? '';
  const user = useSession().data?.user;
  const role = useProjectRole(project, user);
  return (
    <div className="page">
      <ProjectPageHeader project={project} title="Service desk settings" />
      {role.isPending ? <Loading /> : <ServiceDeskSettings project={project} canEdit={role.canManage} />}
    </div>
  );
}
