import { useMutation, useQuery } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { Button, Form } from 'react-aria-components';
import { Link, useNavigate } from 'react-router';
import { codedErrors, fieldErrors, formErrors } from '../api/errors';
import { AnimalPicker, type PickedAnimal } from '../ui/AnimalPicker';
import { Empty, ErrorMessage, FormErrors, Loading } from '../ui/Status';
import { TextInput } from '../ui/TextInput';
import { SESSIONS, START_SESSION } from './breeding-operations';

/** The organisation's breeding sessions, newest first, and a form to start one. */
export default function SessionsPage() {
  const { data, loading, error } = useQuery(SESSIONS, { variables: {}, fetchPolicy: 'cache-and-network' });
  const [sire, setSire] = useState<PickedAnimal | null>(null);
  const [dam, setDam] = useState<PickedAnimal | null>(null);
  const [notes, setNotes] = useState('');
  const [start, started] = useMutation(START_SESSION);
  const navigate = useNavigate();
  const errors = codedErrors(started.error);
  const byField = fieldErrors(errors);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!sire || !dam) return;
    const result = await start({ variables: { input: { sireId: sire.id, damId: dam.id, notes: notes || undefined, idempotencyKey: crypto.randomUUID() } } }).catch(
      () => undefined,
    );
    if (result?.data) navigate(`/sessions/${result.data.startBreedingSession.id}`);
  }

  const sessions = data?.breedingSessions.edges.map((edge) => edge.node) ?? [];
  return (
    <section aria-labelledby="sessions-title">
      <h1 id="sessions-title">Breeding sessions</h1>
      <section aria-labelledby="start-title" className="card">
        <h2 id="start-title">Start a session</h2>
        <Form onSubmit={submit} className="form">
          <div className="pickers">
            <AnimalPicker label="Sire" sex="MALE" value={sire} onChange={setSire} error={byField.sireId} />
            <AnimalPicker label="Dam" sex="FEMALE" value={dam} onChange={setDam} error={byField.damId} />
          </div>
          <TextInput label="Notes" value={notes} onChange={setNotes} error={byField.notes} />
          <FormErrors sentences={formErrors(errors, ['sireId', 'damId', 'notes'])} />
          <Button type="submit" className="button primary" isDisabled={!sire || !dam || started.loading}>
            Start session
          </Button>
        </Form>
      </section>
      <ErrorMessage error={error} />
      {loading && !data && <Loading label="Loading sessions…" />}
      {data && sessions.length === 0 && <Empty>No breeding sessions yet.</Empty>}
      {sessions.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Pair</th>
              <th scope="col">Status</th>
              <th scope="col">Started</th>
              <th scope="col">Clutch</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => (
              <tr key={session.id}>
                <td>
                  <Link to={`/sessions/${session.id}`}>
                    {session.sire?.name ?? 'A private stud'} × {session.dam?.name ?? 'a private dam'}
                  </Link>
                </td>
                <td>{session.status.toLowerCase()}</td>
                <td>{new Date(session.startedAt).toLocaleDateString()}</td>
                <td>{session.clutch ? `${session.clutch.eggCount} eggs` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
