import { Link } from 'react-router';
import { paths } from '../../lib/paths.ts';

export function NotFoundRoute() {
  return (
    <div className="page narrow-page">
      <h1>Not found</h1>
      <p>
        There is nothing here, or you may not see it. <Link to={paths.projects()}>Go to your projects</Link>.
      </p>
    </div>
  );
}
