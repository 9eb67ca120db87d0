import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { codedErrors, fieldErrors, formErrors } from '../api/errors';
import { Empty, FormErrors } from '../ui/Status';
import { TextInput } from '../ui/TextInput';
import { ADD_PROJECT_FINDING } from './project-operations';

interface Finding {
  id: string;
  text: string;
  foundOn: string;
}

/** The project's findings, newest first; a LEAD or ANALYST records one. */
export function ProjectFindings({ projectId, findings, canAdd }: { projectId: string; findings: readonly Finding[]; canAdd: boolean }) {
  const [add, adding] = useMutation(ADD_PROJECT_FINDING, { refetchQueries: ['WebResearchProject'] });
  const [text, setText] = useState('');
  const [foundOn, setFoundOn] = useState(new Date().toISOString().slice(0, 10));
  const errors = codedErrors(adding.error);
  const byField = fieldErrors(errors);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await add({ variables: { projectId, input: { text, foundOn } } }).catch(() => undefined);
    if (result?.data) setText('');
  }

  return (
    <section aria-labelledby="findings-title" className="card">
      <h2 id="findings-title">Findings</h2>
      {findings.length === 0 ? (
        <Empty>No findings yet.</Empty>
      ) : (
        <ul className="findings">
          {findings.map((finding) => (
            <li key={finding.id}>
              <time dateTime={finding.foundOn}>{finding.foundOn}</time> <span className="prose">{finding.text}</span>
            </li>
          ))}
        </ul>
      )}
      {canAdd && (
        <Form className="form" validationBehavior="aria" onSubmit={submit}>
          <TextInput label="Finding" multiline value={text} onChange={setText} error={byField.text} isRequired />
          <TextInput label="Found on" type="date" value={foundOn} onChange={setFoundOn} error={byField.foundOn} isRequired />
          <FormErrors sentences={formErrors(errors, ['text', 'foundOn'])} />
          <Button type="submit" className="button" isDisabled={adding.loading}>
            Record finding
          </Button>
        </Form>
      )}
    </section>
  );
}
