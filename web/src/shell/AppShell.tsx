import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Suspense } from 'react';
import { Button } from 'react-aria-components';
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { ME, SIGN_OUT } from '../auth/auth-operations';
import { setSessionToken, useSessionToken } from '../auth/token-store';
import { Loading } from '../ui/Status';
import { ConnectionIndicator } from './ConnectionIndicator';
import { OrganizationSwitcher } from './OrganizationSwitcher';

const SECTIONS = [
  { to: '/', label: 'Collection', end: true },
  { to: '/import', label: 'Import' },
  { to: '/pairing', label: 'Pairing planner' },
  { to: '/sessions', label: 'Breeding sessions' },
  { to: '/marketplace', label: 'Marketplace' },
  { to: '/saved-searches', label: 'Saved searches' },
  { to: '/purchases', label: 'My purchases' },
  { to: '/sales', label: 'My sales' },
  { to: '/farms', label: 'Farms' },
  { to: '/account', label: 'Account' },
];

/** The signed-in frame: skip link, navigation, organisation, sign out; pages load inside it. */
export default function AppShell() {
  const token = useSessionToken();
  const { data } = useQuery(ME, { skip: !token });
  const [signOut] = useMutation(SIGN_OUT);
  const client = useApolloClient();
  const navigate = useNavigate();
  const location = useLocation();
  // An expired or revoked session clears the token (api/client.ts), which lands here; a deep link
  // (an invitation, an animal) is where signing in comes back to.
  if (!token) {
    const here = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to={here === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(here)}`} replace />;
  }

  async function leave() {
    await signOut().catch(() => undefined);
    setSessionToken(null);
    await client.clearStore();
    navigate('/sign-in');
  }

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top-bar">
        <span className="brand">Studbook</span>
        <nav aria-label="Sections">
          <ul>
            {SECTIONS.map((section) => (
              <li key={section.to}>
                <NavLink to={section.to} end={section.end}>
                  {section.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="account">
          <ConnectionIndicator />
          <OrganizationSwitcher />
          <span className="who">{data?.me?.name}</span>
          <Button className="button" onPress={leave}>
            Sign out
          </Button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
