import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { codedErrors, fieldErrors, formErrors } from '../api/errors';
import { Empty, FormErrors } from '../ui/Status';
import { TextInput } from '../ui/TextInput';
import { doiUrl } from './project-labels';
import { ADD_PROJECT_PUBLICATION } from './project-operations';

interface Publication {
  id: string;
  doi: string;
  title: string;
  year: number;
}

/** The project's publications with their DOI links; a LEAD records one. */
export function ProjectPublications({ projectId, publications, canAdd }: { projectId: string; publications: readonly Publication[]; canAdd: boolean }) {
  const [add, adding] = useMutation(ADD_PROJECT_PUBLICATION, { refetchQueries: ['WebResearchProject'] });
  const [form, setForm] = useState({ doi: '', title: '', year: String(new Date().getFullYear()) });
  const errors = codedErrors(adding.error);
  const byField = fieldErrors(errors);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const year = Number(form.year);
    const result = await add({ variables: { projectId, input: { doi: form.doi, title: form.title, year: Number.isInteger(year) ? year : 0 } } }).catch(() => undefined);
    if (result?.data) setForm({ ...form, doi: '', title: '' });
  }

  return (
    <section aria-labelledby="publications-title" className="card">
      <h2 id="publications-title">Publications</h2>
      {publications.length === 0 ? (
        <Empty>No publications yet.</Empty>
      ) : (
        <ul className="publications">
          {publications.map((publication) => (
            <li key={publication.id}>
              {publication.title} ({publication.year}),{' '}
              <a href={doiUrl(publication.doi)} rel="noreferrer noopener" target="_blank">
                doi:{publication.doi}
              </a>
            </li>
          ))}
        </ul>
      )}
      {canAdd && (
        <Form className="form" validationBehavior="aria" onSubmit={submit}>
          <TextInput
            label="DOI"
            description="e.g. 10.1186/s12711-019-0497-z"
            value={form.doi}
            onChange={(doi) => setForm({ ...form, doi })}
            error={byField.doi}
            isRequired
          />
          <TextInput label="Publication title" value={form.title} onChange={(title) => setForm({ ...form, title })} error={byField.title} isRequired />
          <TextInput label="Year" value={form.year} onChange={(year) => setForm({ ...form, year })} error={byField.year} isRequired />
          <FormErrors sentences={formErrors(errors, ['doi', 'title', 'year'])} />
          <Button type="submit" className="button" isDisabled={adding.loading}>
            Add publication
          </Button>
        </Form>
      )}
    </section>
  );
}
