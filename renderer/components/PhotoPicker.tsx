/**
 * Photos for a record (an observation, a debrief note, an evaluation
 * entry): a file input that opens the camera on a phone, a thumbnail of each
 * photo chosen with a caption field and a remove button, all before the
 * record is saved. A file that is not a JPEG or PNG by its content, or is
 * over the size limit, is refused here at once (the back end checks again).
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { imageInfoOf, MAX_IMAGE_BYTES, MAX_IMAGES_PER_RECORD } from '../../shared/images';
import type { AttachmentInput } from '../../shared/model';
import { base64OfBytes } from '../conduct/files';
import { useToasts } from './toasts';

const refuse = (text: string) => useToasts.getState().push({ kind: 'error', text, details: [] });

/** A photo chosen for a record, not yet saved. */
export type PickedPhoto = { key: number; name: string; dataBase64: string; caption: string; previewUrl: string };

let nextKey = 1;

/** The photos as the API takes them. */
export const attachmentInputsOf = (photos: readonly PickedPhoto[]): AttachmentInput[] => photos.map(({ dataBase64, caption }) => ({ dataBase64, caption: caption.trim() }));

export function PhotoPicker(props: { photos: readonly PickedPhoto[]; onChange: (photos: PickedPhoto[]) => void; testId: string }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const latest = useRef(props.photos);
  latest.current = props.photos;
  // Thumbnails are object URLs: released when a photo is removed or the form goes away.
  useEffect(() => () => latest.current.forEach((photo) => URL.revokeObjectURL(photo.previewUrl)), []);

  const add = async (files: FileList | null) => {
    const picked: PickedPhoto[] = [];
    for (const file of Array.from(files ?? [])) {
      if (props.photos.length + picked.length >= MAX_IMAGES_PER_RECORD) {
        refuse(t('photos.tooMany', { max: MAX_IMAGES_PER_RECORD }));
        break;
      }
      if (file.size > MAX_IMAGE_BYTES) {
        refuse(t('photos.tooLarge', { name: file.name, mb: MAX_IMAGE_BYTES / 1024 / 1024 }));
        continue;
      }
      const bytes = new Uint8Array(await file.arrayBuffer());
      const info = imageInfoOf(bytes);
      if (!info) {
        refuse(t('photos.notImage', { name: file.name }));
        continue;
      }
      picked.push({ key: nextKey++, name: file.name, dataBase64: base64OfBytes(bytes), caption: '', previewUrl: URL.createObjectURL(new Blob([bytes], { type: info.mime })) });
    }
    if (input.current) input.current.value = '';
    if (picked.length > 0) props.onChange([...props.photos, ...picked]);
  };
  const remove = (photo: PickedPhoto) => {
    URL.revokeObjectURL(photo.previewUrl);
    props.onChange(props.photos.filter((p) => p.key !== photo.key));
  };

  return (
    <div className="photo-picker" data-testid={props.testId}>
      <label className="photo-add">
        <span>{t('photos.add')}</span>
        <input ref={input} type="file" accept="image/*" capture="environment" multiple onChange={(event) => void add(event.target.files)} data-testid={`${props.testId}-input`} />
      </label>
      {props.photos.length > 0 && (
        <ul className="photo-list">
          {props.photos.map((photo) => (
            <li key={photo.key} className="photo-item" data-testid={`${props.testId}-item`}>
              <img src={photo.previewUrl} alt={photo.name} className="photo-thumb" />
              <input
                type="text"
                value={photo.caption}
                maxLength={200}
                placeholder={t('photos.caption')}
                aria-label={t('photos.caption')}
                onChange={(event) => props.onChange(props.photos.map((p) => (p.key === photo.key ? { ...p, caption: event.target.value } : p)))}
                data-testid={`${props.testId}-caption`}
              />
              <button type="button" className="danger-quiet" onClick={() => remove(photo)} aria-label={t('photos.remove', { name: photo.name })} data-testid={`${props.testId}-remove`}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
