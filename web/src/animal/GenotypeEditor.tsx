import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { codedErrors, sentenceFor } from '../api/errors';
import { ErrorMessage } from '../ui/Status';
import { TextInput } from '../ui/TextInput';
import { PARSE_GENOTYPE, SET_GENOTYPE } from './animal-operations';
import { genotypeFeedback } from './genotype-feedback';
import { useDebounced } from './use-debounced';

interface GenotypeEditorProps {
  animalId: string;
  species: string;
  recorded?: string;
}

/** Breeders' notation, read by the API as it is typed (parseGenotype), saved with setGenotype. */
export function GenotypeEditor({ animalId, species, recorded }: GenotypeEditorProps) {
  const [text, setText] = useState(recorded ?? '');
  const settled = useDebounced(text, 300);
  const parse = useQuery(PARSE_GENOTYPE, { variables: { genotype: settled, species }, skip: settled.trim() === '' });
  const [save, saved] = useMutation(SET_GENOTYPE);
  const parseError = codedErrors(parse.error)[0];
  const feedback = genotypeFeedback(
    text,
    parse.loading ? '' : settled,
    { parsed: parse.error ? undefined : (parse.data?.parseGenotype ?? undefined), error: parseError && sentenceFor(parseError) },
    recorded,
  );
  return (
    <div className="genotype-editor">
      <TextInput
        label="Genotype"
        value={text}
        onChange={setText}
        error={feedback.state === 'invalid' ? feedback.message : undefined}
        description='Breeders&apos; notation, e.g. "Pastel Het Clown" or "Clown 66% Het Piebald".'
      />
      <p className="genotype-reading" role="status" aria-live="polite">
        {feedback.state === 'checking' && 'Checking…'}
        {feedback.state === 'valid' && feedback.summary}
      </p>
      <Button
        className="button"
        isDisabled={feedback.state !== 'valid' || feedback.unchanged || saved.loading}
        onPress={() => save({ variables: { animalId, genotype: text } }).catch(() => undefined)}
      >
        Save genotype
      </Button>
      <ErrorMessage error={saved.error} />
    </div>
  );
}
