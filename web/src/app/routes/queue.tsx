import { PlaceholderScreen } from '../../components/placeholder-screen.tsx';

export function QueueRoute() {
  return <PlaceholderScreen title="Queue" />;
}
