import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../../components/error-message.tsx';
import type { Project } from '../../../lib/api-types.ts';
import { useCreateProject } from '../api/create-project.ts';

/** Suggest a path from the name the way people type them: "Acme Support" → "acme-support". */
const suggestPath = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

export function CreateProjectForm({ onCreated }: { onCreated: (project: Project) => void }) {
  const [name, setName] = useState('');
  const [path, setPath] = useState('');
  const [pathEdited, setPathEdited] = useState(false);
  const create = useCreateProject();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name: name.trim(), path: path.trim() }, { onSuccess: onCreated });
  };

  return (
    <form className="stack narrow" onSubmit={submit} aria-label="Create a project">
      <label className="field">
        <span>Project name</span>
        <input
          required
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            if (!pathEdited) setPath(suggestPath(e.target.value));
          }}
        />
      </label>
      <label className="field">
        <span>Project path</span>
        <input
          required
          className="mono"
          value={path}
          onChange={(e) => {
            setPath(e.target.value);
            setPathEdited(true);
          }}
        />
        <small className="muted">Part of the service desk address and of every link.</small>
      </label>
      {create.error ? <ErrorMessage error={create.error} /> : null}
      <div>
        <button type="submit" className="button primary" disabled={create.isPending}>
          Create project
        </button>
      </div>
    </form>
  );
}
