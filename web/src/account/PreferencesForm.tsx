import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useEffect, useState } from 'react';
import { Button, Checkbox, Form } from 'react-aria-components';
import { codedErrors, fieldErrors, formErrors } from '../api/errors';
import { SPECIES } from '../collection/collection-operations';
import { SelectInput } from '../ui/SelectInput';
import { ErrorMessage, FormErrors, Loading } from '../ui/Status';
import { TextInput } from '../ui/TextInput';
import { MY_PREFERENCES, UPDATE_MY_PREFERENCES } from './account-operations';

const FIELDS = ['units', 'defaultSpecies', 'pedigreeDepth', 'notifications', 'expectedVersion'];
const NO_SPECIES = 'NONE';
const NOTIFICATIONS = [
  { key: 'breedingEvents', label: 'Breeding events (pairings, clutches, hatches)' },
  { key: 'marketplaceActivity', label: 'Marketplace activity' },
  { key: 'weeklyDigest', label: 'A weekly digest' },
] as const;
type NotificationKey = (typeof NOTIFICATIONS)[number]['key'];

interface PreferencesFields {
  units: 'METRIC' | 'IMPERIAL';
  defaultSpecies: string;
  pedigreeDepth: string;
  notifications: Record<NotificationKey, boolean>;
}

/**
 * The caller's preferences, saved with the version they were read at: when another browser saved in
 * between, the API refuses (CONFLICT), the form says so and shows the newer values to start again from.
 */
export function PreferencesForm() {
  const { data, loading, error, refetch } = useQuery(MY_PREFERENCES, { fetchPolicy: 'cache-and-network' });
  const species = useQuery(SPECIES);
  const [updatePreferences, saving] = useMutation(UPDATE_MY_PREFERENCES);
  const [form, setForm] = useState<PreferencesFields | null>(null);
  const [saved, setSaved] = useState(false);
  const preferences = data?.myPreferences;
  useEffect(() => {
    if (preferences)
      setForm({
        units: preferences.units,
        defaultSpecies: preferences.defaultSpecies ?? NO_SPECIES,
        pedigreeDepth: String(preferences.pedigreeDepth),
        notifications: { ...preferences.notifications },
      });
  }, [preferences]);
  const errors = codedErrors(saving.error);
  const byField = fieldErrors(errors);
  const change = (next: Partial<PreferencesFields>) => {
    setSaved(false);
    if (form) setForm({ ...form, ...next });
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!form || !preferences) return;
    const { breedingEvents, marketplaceActivity, weeklyDigest } = form.notifications;
    const input = {
      units: form.units,
      defaultSpecies: form.defaultSpecies === NO_SPECIES ? null : form.defaultSpecies,
      // Not a number stays as typed, so the API names the field rather than the client guessing.
      pedigreeDepth: Number(form.pedigreeDepth),
      notifications: { breedingEvents, marketplaceActivity, weeklyDigest },
    };
    try {
      await updatePreferences({ variables: { input, expectedVersion: preferences.version } });
      setSaved(true);
    } catch (refusal) {
      // Someone saved since this was read: show what they saved, to change again from there.
      if (codedErrors(refusal).some((e) => e.code === 'CONFLICT')) await refetch();
    }
  }

  return (
    <section aria-labelledby="preferences-title" className="card">
      <h2 id="preferences-title">Preferences</h2>
      {loading && !data && <Loading />}
      <ErrorMessage error={error} />
      {form && (
        <Form onSubmit={submit} className="form">
          <SelectInput
            label="Units"
            value={form.units}
            onChange={(units) => change({ units: units as PreferencesFields['units'] })}
            error={byField.units}
            options={[
              { id: 'METRIC', label: 'Metric (g, cm)' },
              { id: 'IMPERIAL', label: 'Imperial (oz, in)' },
            ]}
          />
          <SelectInput
            label="Species pre-selected in forms"
            value={form.defaultSpecies}
            onChange={(defaultSpecies) => change({ defaultSpecies })}
            error={byField.defaultSpecies}
            options={[{ id: NO_SPECIES, label: 'None' }, ...(species.data?.species ?? []).map((s) => ({ id: s.commonName, label: s.commonName }))]}
          />
          <TextInput
            label="Pedigree generations shown"
            description="1 to 10"
            type="number"
            value={form.pedigreeDepth}
            onChange={(pedigreeDepth) => change({ pedigreeDepth })}
            error={byField.pedigreeDepth}
          />
          <fieldset className="checks">
            <legend>Notify me about</legend>
            {NOTIFICATIONS.map(({ key, label }) => (
              <Checkbox
                key={key}
                className="checkbox"
                isSelected={form.notifications[key]}
                onChange={(on) => change({ notifications: { ...form.notifications, [key]: on } })}
              >
                <span className="box" aria-hidden="true" />
                {label}
              </Checkbox>
            ))}
          </fieldset>
          <FormErrors
            sentences={formErrors(
              errors,
              FIELDS.filter((f) => f !== 'expectedVersion'),
            )}
          />
          <Button type="submit" className="button primary" isDisabled={saving.loading}>
            {saving.loading ? 'Saving…' : 'Save preferences'}
          </Button>
          <p role="status" className="status">
            {saved ? 'Preferences saved.' : ''}
          </p>
        </Form>
      )}
    </section>
  );
}
