import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Button, FileTrigger, Label, ProgressBar } from 'react-aria-components';
import { codedErrors, sentenceFor } from '../api/errors';
import { Empty, ErrorMessage, FormErrors, Loading } from '../ui/Status';
import { ANIMAL_MEDIA, COMPLETE_MEDIA_UPLOAD, REQUEST_MEDIA_UPLOAD, SET_COVER_PHOTO } from './animal-operations';
import { putWithProgress } from './presigned-put';

const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic'];

type Step = { kind: 'idle' } | { kind: 'sending'; fileName: string; share: number } | { kind: 'checking'; fileName: string } | { kind: 'failed'; sentences: string[] };

/**
 * The animal's photos, cover first, and an upload straight to object storage: ask for a presigned
 * URL, PUT the bytes (with progress), complete; the renditions are then made in the background, so
 * the gallery asks again every second while a photo is PENDING.
 */
export function PhotoGallery({ animalId, animalName, canEdit }: { animalId: string; animalName: string; canEdit: boolean }) {
  const [rendering, setRendering] = useState(false);
  const { data, loading, error, refetch } = useQuery(ANIMAL_MEDIA, { variables: { id: animalId }, pollInterval: rendering ? 1000 : 0 });
  const [requestUpload] = useMutation(REQUEST_MEDIA_UPLOAD);
  const [completeUpload] = useMutation(COMPLETE_MEDIA_UPLOAD);
  const [setCover, settingCover] = useMutation(SET_COVER_PHOTO, { refetchQueries: ['WebAnimalMedia'] });
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const photos = (data?.animal?.media ?? []).filter((item) => item.kind === 'PHOTO');
  const pending = photos.some((photo) => photo.status === 'PENDING');
  if (pending !== rendering) setRendering(pending);

  async function upload(file: File) {
    setStep({ kind: 'sending', fileName: file.name, share: 0 });
    try {
      const asked = await requestUpload({
        variables: {
          input: {
            animalId,
            kind: 'PHOTO',
            contentType: file.type || 'application/octet-stream',
            byteSize: file.size,
            fileName: file.name,
            idempotencyKey: crypto.randomUUID(),
          },
        },
      });
      const ticket = asked.data!.requestMediaUpload;
      await putWithProgress(ticket.url, file, ticket.headers, (share) => setStep({ kind: 'sending', fileName: file.name, share }));
      setStep({ kind: 'checking', fileName: file.name });
      await completeUpload({ variables: { id: ticket.media.id } });
      setStep({ kind: 'idle' });
      await refetch();
    } catch (failure) {
      const coded = codedErrors(failure);
      const sentences = failure instanceof Error && coded[0]?.code === 'NETWORK' ? [failure.message] : coded.map(sentenceFor);
      setStep({ kind: 'failed', sentences });
    }
  }

  return (
    <section aria-labelledby="photos-title" className="card">
      <h2 id="photos-title">Photos</h2>
      {loading && !data && <Loading label="Loading photos…" />}
      <ErrorMessage error={error ?? settingCover.error} />
      {data && photos.length === 0 && <Empty>No photos yet.</Empty>}
      {photos.length > 0 && (
        <ul className="gallery">
          {photos.map((photo) => (
            <li key={photo.id} className={photo.isCover ? 'cover' : undefined}>
              {photo.status === 'READY' && photo.thumbnailUrl ? (
                <a href={photo.webUrl ?? photo.url ?? undefined} target="_blank" rel="noreferrer">
                  <img
                    src={photo.thumbnailUrl}
                    alt={photo.caption ?? `${animalName}: ${photo.fileName}`}
                    width={160}
                    height={photo.width && photo.height ? Math.round((160 * photo.height) / photo.width) : 160}
                  />
                </a>
              ) : (
                <div className="placeholder" role="status">
                  {photo.status === 'FAILED' ? `Could not be processed: ${photo.failureReason ?? 'unknown reason'}` : `Preparing ${photo.fileName}…`}
                </div>
              )}
              <p>
                {photo.isCover ? <strong>Cover photo</strong> : null} {photo.caption}
              </p>
              {canEdit && !photo.isCover && photo.status === 'READY' && (
                <Button
                  className="button small"
                  aria-label={`Make cover: ${photo.fileName}`}
                  isDisabled={settingCover.loading}
                  onPress={() => setCover({ variables: { id: photo.id } }).catch(() => undefined)}
                >
                  Make cover
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <div className="upload">
          <FileTrigger acceptedFileTypes={PHOTO_TYPES} onSelect={(files) => files?.[0] && upload(files[0])}>
            <Button className="button" isDisabled={step.kind === 'sending' || step.kind === 'checking'}>
              Add a photo
            </Button>
          </FileTrigger>
          <span className="explain"> JPEG, PNG, WebP or HEIC, up to 20 MB. Location and camera details are removed.</span>
          {step.kind === 'sending' && (
            <ProgressBar className="progress" value={Math.round(step.share * 100)}>
              {({ valueText }) => (
                <>
                  <Label>Uploading {step.fileName}</Label> <span>{valueText}</span>
                  <div className="bar">
                    <div className="fill" style={{ width: `${Math.round(step.share * 100)}%` }} />
                  </div>
                </>
              )}
            </ProgressBar>
          )}
          {step.kind === 'checking' && <Loading label={`Checking ${step.fileName}…`} />}
          {step.kind === 'failed' && <FormErrors sentences={step.sentences} />}
        </div>
      )}
    </section>
  );
}
