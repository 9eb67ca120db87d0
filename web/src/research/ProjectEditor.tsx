import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { Button, Form } from 'react-aria-components';
import type { ProjectStatus } from '../__generated__/graphql';
import { codedErrors, fieldErrors, formErrors } from '../api/errors';
import { SelectInput } from '../ui/SelectInput';
import { FormErrors } from '../ui/Status';
import { TextInput } from '../ui/TextInput';
import { PROJECT_STATUSES, titleCase } from './project-labels';
import { UPDATE_RESEARCH_PROJECT } from './project-operations';

interface EditableProject {
  id: string;
  title: string;
  summary?: string | null;
  protocol?: string | null;
  status: ProjectStatus;
}

const FIELDS = ['title', 'summary', 'protocol', 'status'];

/**
 * A LEAD's (or the owning organisation's manager's) edit of what the project is: title, summary, protocol and status.
 * The page shows the saved project from the normalised cache, so the heading changes with it.
 */
export function ProjectEditor({ project }: { project: EditableProject }) {
  const [editing, setEditing] = useState(false);
  const [form, setForm] = useState({ title: '', summary: '', protocol: '', status: project.status as string });
  const [update, updating] = useMutation(UPDATE_RESEARCH_PROJECT);
  const errors = codedErrors(updating.error);
  const byField = fieldErrors(errors);
  const set = (field: keyof typeof form) => (value: string) => setForm((current) => ({ ...current, [field]: value }));

  function open() {
    setForm({ title: project.title, summary: project.summary ?? '', protocol: project.protocol ?? '', status: project.status });
    updating.reset();
    setEditing(true);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = { title: form.title.trim(), summary: form.summary.trim(), protocol: form.protocol, status: form.status as ProjectStatus };
    const done = await update({ variables: { id: project.id, input } }).catch(() => null);
    if (done?.data) setEditing(false);
  }

  if (!editing)
    return (
      <Button className="button" onPress={open}>
        Edit project
      </Button>
    );
  return (
    <section aria-labelledby="edit-project-title" className="card">
      <h2 id="edit-project-title">Edit the project</h2>
      <Form className="form" validationBehavior="aria" onSubmit={submit}>
        <TextInput label="Title" value={form.title} onChange={set('title')} error={byField.title} isRequired />
        <TextInput label="Summary" multiline value={form.summary} onChange={set('summary')} error={byField.summary} />
        <TextInput label="Protocol" description="Markdown" multiline value={form.protocol} onChange={set('protocol')} error={byField.protocol} />
        <SelectInput
          label="Status"
          value={form.status}
          onChange={set('status')}
          error={byField.status}
          options={PROJECT_STATUSES.map((id) => ({ id, label: titleCase(id) }))}
        />
        <FormErrors sentences={formErrors(errors, FIELDS)} />
        <div className="actions">
          <Button type="submit" className="button primary" isDisabled={updating.loading}>
            Save changes
          </Button>
          <Button className="button" onPress={() => setEditing(false)}>
            Keep as it was
          </Button>
        </div>
      </Form>
    </section>
  );
}
