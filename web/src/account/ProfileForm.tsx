import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useEffect, useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { codedErrors, fieldErrors, formErrors } from '../api/errors';
import { ErrorMessage, FormErrors, Loading } from '../ui/Status';
import { TextInput } from '../ui/TextInput';
import { MY_PROFILE, UPDATE_PROFILE } from './account-operations';

const FIELDS = ['name', 'phone', 'address', 'locale', 'timeZone'] as const;
type ProfileFields = Record<(typeof FIELDS)[number], string>;
const BLANK: ProfileFields = { name: '', phone: '', address: '', locale: '', timeZone: '' };

/** The caller's name and private details (phone and address are stored encrypted); a blank field clears it. */
export function ProfileForm() {
  const { data, loading, error } = useQuery(MY_PROFILE);
  const [updateProfile, saving] = useMutation(UPDATE_PROFILE);
  const [form, setForm] = useState<ProfileFields>(BLANK);
  const [saved, setSaved] = useState(false);
  const me = data?.me;
  useEffect(() => {
    if (me)
      setForm({
        name: me.name,
        phone: me.profile?.phone ?? '',
        address: me.profile?.address ?? '',
        locale: me.profile?.locale ?? '',
        timeZone: me.profile?.timeZone ?? '',
      });
  }, [me]);
  const errors = codedErrors(saving.error);
  const byField = fieldErrors(errors);
  const set = (key: keyof ProfileFields) => (value: string) => {
    setSaved(false);
    setForm({ ...form, [key]: value });
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    // null clears a detail; the name is always sent, so the API refuses a blank one at its field.
    const orNull = (value: string) => (value.trim() === '' ? null : value);
    const input = { name: form.name, phone: orNull(form.phone), address: orNull(form.address), locale: orNull(form.locale), timeZone: orNull(form.timeZone) };
    const result = await updateProfile({ variables: { input } }).catch(() => undefined);
    setSaved(Boolean(result?.data));
  }

  return (
    <section aria-labelledby="profile-title" className="card">
      <h2 id="profile-title">Profile</h2>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} />
      {me && (
        <Form onSubmit={submit} className="form">
          <p className="explain">Signed in as {me.email}. Only you see your phone and address; they are stored encrypted.</p>
          <TextInput label="Name" value={form.name} onChange={set('name')} error={byField.name} autoComplete="name" isRequired />
          <TextInput label="Phone" value={form.phone} onChange={set('phone')} error={byField.phone} autoComplete="tel" />
          <TextInput label="Address" value={form.address} onChange={set('address')} error={byField.address} autoComplete="street-address" multiline />
          <TextInput label="Language" description="A language tag such as en-GB or de-CH" value={form.locale} onChange={set('locale')} error={byField.locale} />
          <TextInput label="Time zone" description="Such as Europe/Berlin or America/Chicago" value={form.timeZone} onChange={set('timeZone')} error={byField.timeZone} />
          <FormErrors sentences={formErrors(errors, FIELDS)} />
          <Button type="submit" className="button primary" isDisabled={saving.loading}>
            {saving.loading ? 'Saving…' : 'Save profile'}
          </Button>
          <p role="status" className="status">
            {saved ? 'Profile saved.' : ''}
          </p>
        </Form>
      )}
    </section>
  );
}
