// Placeholder: the real screen is built in web/src/features/ (service-desk-settings, mail-log, people).
import { PlaceholderScreen } from '../../components/placeholder-screen.tsx';

export function AdminUsersRoute() {
  return <PlaceholderScreen title="People" />;
}
