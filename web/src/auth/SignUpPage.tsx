import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { Link, useLocation } from 'react-router';
import { codedErrors, fieldErrors, formErrors } from '../api/errors';
import { FormErrors } from '../ui/Status';
import { TextInput } from '../ui/TextInput';
import { SIGN_UP } from './auth-operations';
import { useEnterApp } from './use-enter-app';

const FIELDS = ['name', 'email', 'password', 'organizationName'];

export default function SignUpPage() {
  const { search } = useLocation();
  const [input, setInput] = useState({ name: '', email: '', password: '', organizationName: '' });
  const [signUp, { loading, error }] = useMutation(SIGN_UP);
  const enterApp = useEnterApp();
  const errors = codedErrors(error);
  const byField = fieldErrors(errors);
  const set = (key: keyof typeof input) => (value: string) => setInput({ ...input, [key]: value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await signUp({ variables: { input } }).catch(() => undefined);
    if (result?.data) enterApp(result.data.signUp.token);
  }

  return (
    <main className="auth-page">
      <h1>Create your Studbook account</h1>
      <Form onSubmit={submit} className="form">
        <TextInput label="Your name" value={input.name} onChange={set('name')} error={byField.name} autoComplete="name" isRequired />
        <TextInput label="Email" type="email" value={input.email} onChange={set('email')} error={byField.email} autoComplete="email" isRequired />
        <TextInput
          label="Password"
          type="password"
          value={input.password}
          onChange={set('password')}
          error={byField.password}
          autoComplete="new-password"
          description="At least 10 characters; common passwords are refused."
          isRequired
        />
        <TextInput
          label="Organisation (your farm or breeding business)"
          value={input.organizationName}
          onChange={set('organizationName')}
          error={byField.organizationName}
          isRequired
        />
        <FormErrors sentences={formErrors(errors, FIELDS)} />
        <Button type="submit" className="button primary" isDisabled={loading}>
          {loading ? 'Creating account…' : 'Create account'}
        </Button>
      </Form>
      <p>
        Already have an account? <Link to={`/sign-in${search}`}>Sign in</Link>
      </p>
    </main>
  );
}
