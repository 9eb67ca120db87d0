import { useApolloClient } from '@apollo/client/react';
import { useNavigate } from 'react-router';
import { setSessionToken } from './token-store';

/** After signIn or signUp: keep the session's token, forget what an earlier session read, open the collection. */
export function useEnterApp(): (token: string) => Promise<void> {
  const navigate = useNavigate();
  const client = useApolloClient();
  return async (token) => {
    setSessionToken(token);
    await client.clearStore();
    navigate('/');
  };
}
