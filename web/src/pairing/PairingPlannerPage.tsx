import { useApolloClient, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { Link } from 'react-router';
import { formatInbreeding } from '../collection/collection-view';
import { AnimalPicker, type PickedAnimal } from '../ui/AnimalPicker';
import { Empty, ErrorMessage, Loading } from '../ui/Status';
import { PAIRING, SIRE_RANK } from './pairing-operations';

/** A sire and a dam (own or public): offspring F with its causes beside the morph outcomes; candidate sires ranked by F. */
export default function PairingPlannerPage() {
  const [sire, setSire] = useState<PickedAnimal | null>(null);
  const [dam, setDam] = useState<PickedAnimal | null>(null);
  const { data, loading, error } = useQuery(PAIRING, { variables: { sireId: sire?.id ?? '', damId: dam?.id ?? '' }, skip: !sire || !dam });

  return (
    <section aria-labelledby="pairing-title">
      <h1 id="pairing-title">Pairing planner</h1>
      <div className="pickers">
        <AnimalPicker label="Sire" sex="MALE" value={sire} onChange={setSire} description="Yours or another breeder's public male." />
        <AnimalPicker label="Dam" sex="FEMALE" value={dam} onChange={setDam} description="Yours or another breeder's public female." />
      </div>
      {(!sire || !dam) && <Empty>Choose a sire and a dam to see their offspring.</Empty>}
      {loading && <Loading label="Working out the pairing…" />}
      <ErrorMessage error={error} />
      {data && (
        <div className="side-by-side">
          <section aria-labelledby="offspring-f-title" className="card">
            <h2 id="offspring-f-title">Offspring inbreeding</h2>
            <p className="figure">
              F = <strong>{formatInbreeding(data.pairingPreview.coefficientOfInbreeding)}</strong>
            </p>
            <p className="explain">Each common ancestor of the sire and the dam adds its share (Wright's paths through it).</p>
            {data.pairingPreview.commonAncestors.length === 0 ? (
              <Empty>No common ancestor is recorded: the pair is unrelated as far as the pedigrees go.</Empty>
            ) : (
              <table className="table">
                <caption>Common ancestors</caption>
                <thead>
                  <tr>
                    <th scope="col">Ancestor</th>
                    <th scope="col">Share of F</th>
                  </tr>
                </thead>
                <tbody>
                  {data.pairingPreview.commonAncestors.map((ancestor, index) => (
                    <tr key={ancestor.animal?.id ?? `hidden-${index}`}>
                      <td>{ancestor.animal ? <Link to={`/animals/${ancestor.animal.id}`}>{ancestor.animal.name}</Link> : 'A private ancestor'}</td>
                      <td>{formatInbreeding(ancestor.contribution)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section aria-labelledby="morphs-title" className="card">
            <h2 id="morphs-title">Morph outcomes</h2>
            <p className="explain">
              {data.predictOffspring.sire.notation} × {data.predictOffspring.dam.notation}
            </p>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Offspring</th>
                  <th scope="col">Odds</th>
                  <th scope="col">Possible hets</th>
                </tr>
              </thead>
              <tbody>
                {data.predictOffspring.outcomes.map((outcome) => (
                  <tr key={outcome.name}>
                    <td>{outcome.name}</td>
                    <td>
                      {outcome.fraction} ({Math.round(outcome.probability * 1000) / 10} %)
                    </td>
                    <td>{outcome.possibleHets.map((het) => `${het.label} het ${het.gene.name}`).join(', ') || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {data.predictOffspring.lethalForms.length > 0 && (
              <p className="explain">
                Not viable: {data.predictOffspring.lethalForms.join(', ')} ({data.predictOffspring.lethalFraction} of eggs).
              </p>
            )}
          </section>
        </div>
      )}
      <SireRanking />
    </section>
  );
}

/** Several candidate sires for one dam, lowest offspring F first. */
function SireRanking() {
  const client = useApolloClient();
  const [dam, setDam] = useState<PickedAnimal | null>(null);
  const [candidate, setCandidate] = useState<PickedAnimal | null>(null);
  const [candidates, setCandidates] = useState<PickedAnimal[]>([]);
  const [ranking, setRanking] = useState<{ sire: PickedAnimal; f: number }[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function rank() {
    if (!dam) return;
    setBusy(true);
    setFailure(null);
    try {
      const answers = await Promise.all(candidates.map((sire) => client.query({ query: SIRE_RANK, variables: { sireId: sire.id, damId: dam.id } })));
      const ranked = answers.map((answer, index) => ({ sire: candidates[index], f: answer.data?.pairingPreview.coefficientOfInbreeding ?? Number.NaN }));
      setRanking(ranked.sort((a, b) => a.f - b.f));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="rank-title" className="card">
      <h2 id="rank-title">Rank candidate sires for a dam</h2>
      <div className="pickers">
        <AnimalPicker label="Dam to rank for" sex="FEMALE" value={dam} onChange={setDam} />
        <div className="parent-row">
          <AnimalPicker label="Candidate sire" sex="MALE" value={candidate} onChange={setCandidate} />
          <Button
            className="button"
            isDisabled={!candidate || candidates.some((c) => c.id === candidate.id)}
            onPress={() => {
              if (candidate) setCandidates([...candidates, candidate]);
              setCandidate(null);
            }}
          >
            Add candidate
          </Button>
        </div>
      </div>
      {candidates.length > 0 && (
        <ul className="chips" aria-label="Candidate sires">
          {candidates.map((c) => (
            <li key={c.id}>
              {c.name}{' '}
              <Button className="button small" aria-label={`Remove ${c.name}`} onPress={() => setCandidates(candidates.filter((x) => x.id !== c.id))}>
                ×
              </Button>
            </li>
          ))}
        </ul>
      )}
      <Button className="button primary" isDisabled={!dam || candidates.length === 0 || busy} onPress={rank}>
        Rank by offspring F
      </Button>
      <ErrorMessage error={failure} />
      {ranking && (
        <ol className="ranking" aria-label="Sires, lowest offspring F first">
          {ranking.map(({ sire, f }) => (
            <li key={sire.id}>
              {sire.name}: F = {formatInbreeding(f)}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
