// Files from a drop, walking dropped folders (File and Directory Entries API). Entries must be taken synchronously
// inside the drop handler: the DataTransfer is emptied once the handler returns.

type Entry = FileSystemEntry;

export function takeDroppedEntries(transfer: DataTransfer): { entries: Entry[]; files: File[] } {
  const entries: Entry[] = [];
  const files: File[] = [];
  for (const item of Array.from(transfer.items)) {
    if (item.kind !== 'file') continue;
    const entry = typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null;
    if (entry) entries.push(entry);
    else {
      const file = item.getAsFile();
      if (file) files.push(file);
    }
  }
  if (entries.length === 0 && files.length === 0) files.push(...Array.from(transfer.files));
  return { entries, files };
}

export async function filesFromEntries(entries: readonly Entry[]): Promise<File[]> {
  const files: File[] = [];
  for (const entry of entries) files.push(...(await filesFromEntry(entry)));
  return files;
}

async function filesFromEntry(entry: Entry): Promise<File[]> {
  if (isFile(entry)) return [await new Promise<File>((resolve, reject) => entry.file(resolve, reject))];
  if (isDirectory(entry)) return filesFromEntries(await readAll(entry.createReader()));
  return [];
}

// readEntries returns at most ~100 entries per call; keep calling until it returns none.
async function readAll(reader: FileSystemDirectoryReader): Promise<Entry[]> {
  const all: Entry[] = [];
  for (;;) {
    const batch = await new Promise<Entry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

function isFile(entry: Entry): entry is FileSystemFileEntry {
  return entry.isFile;
}

function isDirectory(entry: Entry): entry is FileSystemDirectoryEntry {
  return entry.isDirectory;
}
