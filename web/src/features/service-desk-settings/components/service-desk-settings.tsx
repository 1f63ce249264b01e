import { ErrorMessage } from '../../../components/error-message.tsx';
import { Loading } from '../../../components/spinner.tsx';
import { useServiceDesk } from '../api/get-service-desk.ts';
import { CustomEmail } from './custom-email.tsx';
import { ExtraAddresses } from './extra-addresses.tsx';
import { ServiceDeskAddresses } from './service-desk-addresses.tsx';
import { ServiceDeskSettingsForm } from './service-desk-settings-form.tsx';
import { TemplateEditor } from './template-editor.tsx';
import '../settings.css';

/** The whole settings screen of one project's service desk; `canEdit` is true for maintainers and admins. */
export function ServiceDeskSettings({ project, canEdit }: { project: string; canEdit: boolean }) {
  const settings = useServiceDesk(project);
  if (settings.isPending) return <Loading />;
  if (settings.error) return <ErrorMessage error={settings.error} />;
  return (
    <div className="stack sd-page">
      {canEdit ? null : <p className="notice">Only maintainers can change these settings. You can read them.</p>}
      <section className="sd-card" aria-labelledby="sd-addresses">
        <h2 id="sd-addresses">Addresses</h2>
        <ServiceDeskAddresses settings={settings.data} />
        <h3 className="sd-subheading">Extra addresses</h3>
        <p className="muted small">Mail to an extra address opens tickets that already carry its labels.</p>
        <ExtraAddresses project={project} canEdit={canEdit} />
      </section>
      <section className="sd-card" aria-labelledby="sd-custom-email">
        <h2 id="sd-custom-email">Custom email</h2>
        <CustomEmail project={project} settings={settings.data} canEdit={canEdit} />
      </section>
      <section className="sd-card" aria-labelledby="sd-settings">
        <h2 id="sd-settings">Settings</h2>
        <ServiceDeskSettingsForm project={project} settings={settings.data} canEdit={canEdit} />
      </section>
      <section className="sd-card" aria-labelledby="sd-templates">
        <h2 id="sd-templates">Mail templates</h2>
        <TemplateEditor project={project} canEdit={canEdit} />
      </section>
    </div>
  );
}
