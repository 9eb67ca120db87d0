import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { Link, useLocation } from 'react-router';
import { codedErrors, fieldErrors, formErrors } from '../api/errors';
import { FormErrors } from '../ui/Status';
import { TextInput } from '../ui/TextInput';
import { SIGN_IN } from './auth-operations';
import { useEnterApp } from './use-enter-app';

export default function SignInPage() {
  // `?next=` (a deep link such as an invitation) goes along to sign-up and back.
  const { search } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [signIn, { loading, error }] = useMutation(SIGN_IN);
  const enterApp = useEnterApp();
  const errors = codedErrors(error);
  const byField = fieldErrors(errors);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await signIn({ variables: { email, password } }).catch(() => undefined);
    if (result?.data) enterApp(result.data.signIn.token);
  }

  return (
    <main className="auth-page">
      <h1>Sign in to Studbook</h1>
      <Form onSubmit={submit} className="form">
        <TextInput label="Email" type="email" value={email} onChange={setEmail} error={byField.email} autoComplete="username" isRequired />
        <TextInput label="Password" type="password" value={password} onChange={setPassword} error={byField.password} autoComplete="current-password" isRequired />
        <FormErrors sentences={formErrors(errors, ['email', 'password'])} />
        <Button type="submit" className="button primary" isDisabled={loading}>
          {loading ? 'Signing in…' : 'Sign in'}
        </Button>
      </Form>
      <p>
        New to Studbook? <Link to={`/sign-up${search}`}>Create an account</Link>
      </p>
      <p className="hint">Demo login: demo@studbook.dev, password studbook-demo.</p>
    </main>
  );
}
