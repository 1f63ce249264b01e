// The frame around every signed-in screen: a top bar (project switcher, nav, the signed-in user, Sign out)
// and the screen. Nav entries are data (nav-items.ts) so new screens add a line, not a component.
import { type ReactNode, useState } from 'react';
import { Link, NavLink, useMatch, useNavigate } from 'react-router';
import { useSession } from '../../features/auth/api/get-session.ts';
import { useSignOut } from '../../features/auth/api/sign-out.ts';
import { ProjectSwitcher } from '../../features/projects/components/project-switcher.tsx';
import { readLastProject } from '../../lib/storage.ts';
import { paths } from '../../lib/paths.ts';
import { KeyboardHelp } from './keyboard-help.tsx';
import { navItems } from './nav-items.ts';

export function AppLayout({ children }: { children: ReactNode }) {
  const session = useSession();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const projectMatch = useMatch('/projects/:path/*');
  const [menuOpen, setMenuOpen] = useState(false);
  const user = session.data?.user;
  const current = projectMatch?.params.path;
  const project = current ?? readLastProject() ?? undefined;
  const items = navItems({ project, admin: user?.admin ?? false });

  return (
    <div className="app">
      <header className="topbar">
        <Link to={paths.home()} className="brand" aria-label="Postdesk home">
          <span aria-hidden="true">✉</span>
          <span className="brand-text"> Postdesk</span>
        </Link>
        <ProjectSwitcher current={current} />
        <button type="button" className="button ghost menu-toggle" aria-expanded={menuOpen} aria-controls="main-nav" onClick={() => setMenuOpen(!menuOpen)}>
          Menu
        </button>
        <nav id="main-nav" aria-label="Main" className={menuOpen ? 'nav open' : 'nav'}>
          {items.map((item) => (
            <NavLink key={item.label} to={item.to} end={item.end} className="nav-link" onClick={() => setMenuOpen(false)}>
              {item.label}
            </NavLink>
          ))}
        </nav>
        <div className="topbar-user">
          <KeyboardHelp />
          <span className="user-name" title={user?.username}>
            {user?.name}
          </span>
          <button
            type="button"
            className="button ghost"
            disabled={signOut.isPending}
            onClick={() => signOut.mutate(undefined, { onSettled: () => navigate(paths.login(), { replace: true }) })}
          >
            Sign out
          </button>
        </div>
      </header>
      <main className="main" id="main">
        {children}
      </main>
    </div>
  );
}
