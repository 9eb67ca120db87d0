import { useApolloClient } from '@apollo/client/react';
import { useNavigate, useSearchParams } from 'react-router';
import { safeNextPath } from './next-path';
import { setSessionToken } from './token-store';

/** After signIn or signUp: keep the session's token, forget what an earlier session read, open the page asked for (`?next=`) or the collection. */
export function useEnterApp(): (token: string) => Promise<void> {
  const navigate = useNavigate();
  const client = useApolloClient();
  const [params] = useSearchParams();
  return async (token) => {
    setSessionToken(token);
    await client.clearStore();
    navigate(safeNextPath(params.get('next')));
  };
}
