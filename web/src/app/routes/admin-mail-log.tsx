// Placeholder: the real screen is built in web/src/features/ (service-desk-settings, mail-log, people).
import { PlaceholderScreen } from '../../components/placeholder-screen.tsx';

export function AdminMailLogRoute() {
  return <PlaceholderScreen title="Mail log (all projects)" />;
}
