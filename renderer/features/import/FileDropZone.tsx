import { FileUp } from 'lucide-react';
import { useEffect, useRef, useState, type DragEvent } from 'react';
import type { OpenedFile } from '../../../shared/bridge/contract.js';
import { bridge } from '../../bridge/index.js';
import { errorMessage, extensionOf } from '../export/files.js';

export type DropProblem = { readonly kind: 'wrong-type'; readonly name: string } | { readonly kind: 'too-large'; readonly name: string } | { readonly kind: 'unreadable'; readonly message: string };

/**
 * Where a file comes in: a button that opens the file picker (desktop dialog or browser
 * input), and the same area accepts a file dragged onto it. A file dropped anywhere else
 * while this is shown is ignored, rather than the browser leaving the app to show it.
 */
export function FileDropZone({
  label,
  dropHint,
  chooseLabel,
  extensions,
  maxBytes,
  disabled,
  onFile,
  onProblem,
}: {
  label: string;
  dropHint: string;
  chooseLabel: string;
  extensions: readonly string[];
  maxBytes: number;
  disabled?: boolean;
  onFile: (file: OpenedFile) => void;
  onProblem: (problem: DropProblem) => void;
}) {
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);

  useEffect(() => {
    const ignore = (event: globalThis.DragEvent): void => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
    };
    window.addEventListener('dragover', ignore);
    window.addEventListener('drop', ignore);
    return () => {
      window.removeEventListener('dragover', ignore);
      window.removeEventListener('drop', ignore);
    };
  }, []);

  const choose = async (): Promise<void> => {
    try {
      const file = await bridge.openFile({ extensions });
      if (file) accept(file.name, file.data.length, () => Promise.resolve(file.data));
    } catch (error) {
      onProblem({ kind: 'unreadable', message: errorMessage(error) });
    }
  };

  const accept = (name: string, size: number, read: () => Promise<Uint8Array>): void => {
    if (!extensions.includes(extensionOf(name))) {
      onProblem({ kind: 'wrong-type', name });
      return;
    }
    if (size > maxBytes) {
      onProblem({ kind: 'too-large', name });
      return;
    }
    read().then(
      (data) => onFile({ name, data }),
      (error: unknown) => onProblem({ kind: 'unreadable', message: errorMessage(error) }),
    );
  };

  const onDrop = (event: DragEvent<HTMLDivElement>): void => {
    event.preventDefault();
    event.stopPropagation();
    depth.current = 0;
    setDragging(false);
    if (disabled) return;
    const file = event.dataTransfer.files[0];
    if (!file) return;
    accept(file.name, file.size, async () => new Uint8Array(await file.arrayBuffer()));
  };

  return (
    <div
      className="drop-zone"
      role="group"
      aria-label={label}
      data-dragging={dragging ? 'true' : undefined}
      data-drop-zone=""
      onDragEnter={(event) => {
        event.preventDefault();
        depth.current += 1;
        if (!disabled) setDragging(true);
      }}
      onDragOver={(event) => {
        event.preventDefault();
        event.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
      }}
      onDragLeave={() => {
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <FileUp size={28} aria-hidden className="drop-icon" />
      <button type="button" className="primary" disabled={disabled} onClick={() => void choose()}>
        {chooseLabel}
      </button>
      <p className="hint">{dropHint}</p>
    </div>
  );
}
