import { PlaceholderScreen } from '../../components/placeholder-screen.tsx';

export function NewTicketRoute() {
  return <PlaceholderScreen title="New ticket" />;
}
