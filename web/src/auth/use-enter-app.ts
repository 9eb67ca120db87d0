import { useNavigate } from 'react-router';
import { setSessionToken } from './token-store';

/** After signIn or signUp: keep the session's token and open the collection. */
export function useEnterApp(): (token: string) => void {
  const navigate = useNavigate();
  return (token) => {
    setSessionToken(token);
    navigate('/');
  };
}
