// Drop files or folders here, or pick them with the (keyboard-reachable) file and folder inputs.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { filesFromEntries, takeDroppedEntries } from '../import/dropped-files';

export interface DropZoneProps {
  accept: string;
  multiple: boolean;
  allowFolder: boolean;
  /** Label for the file input. */
  pickLabel: string;
  onFiles: (files: File[]) => void;
  children?: ComponentChildren;
}

/** Preact sets a known DOM property rather than the attribute, and `webkitdirectory = ''` is false: the picker then
 *  opened files, not folders. Setting the property (and the attribute, for Firefox's older builds) on the element is
 *  what makes it a folder picker (HTML "File and Directory Entries API", webkitdirectory). */
function asFolderPicker(input: HTMLInputElement | null): void {
  if (!input) return;
  input.webkitdirectory = true;
  input.setAttribute('webkitdirectory', '');
}

export function DropZone({ accept, multiple, allowFolder, pickLabel, onFiles, children }: DropZoneProps) {
  const [over, setOver] = useState(false);
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    if (!event.dataTransfer) return;
    const { entries, files } = takeDroppedEntries(event.dataTransfer);
    void filesFromEntries(entries).then((fromEntries) => onFiles([...files, ...fromEntries]));
  };
  const fromInput = (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    onFiles(Array.from(input.files ?? []));
    input.value = '';
  };
  return (
    <div
      class={over ? 'dropzone over' : 'dropzone'}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      data-testid="dropzone"
    >
      {children}
      <div class="row-actions">
        <label class="button">
          {pickLabel}
          <input class="visually-hidden" type="file" accept={accept} multiple={multiple} onChange={fromInput} />
        </label>
        {allowFolder && (
          <label class="button secondary">
            Choose a folder
            <input class="visually-hidden" type="file" multiple ref={asFolderPicker} onChange={fromInput} data-testid="folder-input" />
          </label>
        )}
      </div>
    </div>
  );
}
