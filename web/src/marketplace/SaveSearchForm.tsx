import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { Link } from 'react-router';
import { codedErrors, fieldErrors, formErrors } from '../api/errors';
import { FormErrors } from '../ui/Status';
import { TextInput } from '../ui/TextInput';
import { type MarketChoices, searchArguments } from './marketplace-filter';
import { SAVE_SEARCH } from './marketplace-operations';

/** "Save this search": the query and filters on screen, under a name, to be told of new matching listings. */
export function SaveSearchForm({ choices }: { choices: MarketChoices }) {
  const [name, setName] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [save, { loading, error, reset }] = useMutation(SAVE_SEARCH, { refetchQueries: ['WebSavedSearches'] });
  const errors = codedErrors(error);
  const byField = fieldErrors(errors);

  return (
    <form
      className="save-search"
      aria-label="Save this search"
      onSubmit={async (event) => {
        event.preventDefault();
        const { query, filter } = searchArguments(choices);
        const done = await save({ variables: { input: { name: name.trim(), query, filter } } }).catch(() => null);
        if (done?.data) {
          setSaved(done.data.saveSearch.name);
          setName('');
        }
      }}
    >
      <TextInput
        label="Save this search as"
        description="You are told of each new listing that matches."
        value={name}
        onChange={(value) => {
          setName(value);
          setSaved(null);
          reset();
        }}
        error={byField.name}
      />
      <FormErrors sentences={formErrors(errors, ['name'])} />
      <Button type="submit" className="button" isDisabled={loading || name.trim() === ''}>
        Save this search
      </Button>
      {saved && (
        <p role="status">
          Saved “{saved}”. <Link to="/saved-searches">See new matches in Saved searches</Link>.
        </p>
      )}
    </form>
  );
}
