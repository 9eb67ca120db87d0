import { ApolloProvider } from '@apollo/client/react';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { createApolloClient } from './api/client';
import { Loading } from './ui/Status';
import './styles.css';

// Every page is its own chunk: the first load carries the shell, the client and the router only.
const SignInPage = lazy(() => import('./auth/SignInPage'));
const SignUpPage = lazy(() => import('./auth/SignUpPage'));
const AppShell = lazy(() => import('./shell/AppShell'));
const CollectionPage = lazy(() => import('./collection/CollectionPage'));
const HerdbookImportPage = lazy(() => import('./collection/HerdbookImportPage'));
const AnimalFormPage = lazy(() => import('./animals/AnimalFormPage'));
const AnimalPage = lazy(() => import('./animal/AnimalPage'));
const PairingPlannerPage = lazy(() => import('./pairing/PairingPlannerPage'));
const SessionsPage = lazy(() => import('./breeding/SessionsPage'));
const SessionPage = lazy(() => import('./breeding/SessionPage'));
const AccountPage = lazy(() => import('./account/AccountPage'));
const AcceptInvitationPage = lazy(() => import('./account/AcceptInvitationPage'));
const MarketplacePage = lazy(() => import('./marketplace/MarketplacePage'));
const ListingPage = lazy(() => import('./marketplace/ListingPage'));
const FarmsPage = lazy(() => import('./research/FarmsPage'));
const PurchasesPage = lazy(() => import('./sales/PurchasesPage'));
const MySalesPage = lazy(() => import('./sales/MySalesPage'));
const SavedSearchesPage = lazy(() => import('./marketplace/SavedSearchesPage'));

const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  { path: '/sign-up', element: <SignUpPage /> },
  {
    path: '/',
    element: <AppShell />,
    children: [
      { index: true, element: <CollectionPage /> },
      { path: 'import', element: <HerdbookImportPage /> },
      { path: 'animals/new', element: <AnimalFormPage /> },
      { path: 'animals/:id', element: <AnimalPage /> },
      { path: 'animals/:id/edit', element: <AnimalFormPage /> },
      { path: 'pairing', element: <PairingPlannerPage /> },
      { path: 'sessions', element: <SessionsPage /> },
      { path: 'sessions/:id', element: <SessionPage /> },
      { path: 'account', element: <AccountPage /> },
      { path: 'invitation', element: <AcceptInvitationPage /> },
      { path: 'marketplace', element: <MarketplacePage /> },
      { path: 'listings/:id', element: <ListingPage /> },
      { path: 'farms', element: <FarmsPage /> },
      { path: 'purchases', element: <PurchasesPage /> },
      { path: 'sales', element: <MySalesPage /> },
      { path: 'saved-searches', element: <SavedSearchesPage /> },
    ],
  },
]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApolloProvider client={createApolloClient()}>
      <Suspense fallback={<Loading />}>
        <RouterProvider router={router} />
      </Suspense>
    </ApolloProvider>
  </StrictMode>,
);
