import { PlaceholderScreen } from '../../components/placeholder-screen.tsx';

export function TicketRoute() {
  return <PlaceholderScreen title="Ticket" />;
}
